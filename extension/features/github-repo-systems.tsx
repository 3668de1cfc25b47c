// On a repository page: how many register AI systems come from this repository, and how many of
// their triggers are open. The smallest complete feature on the contract: URL predicate, status
// from the background, anchored badge with the floating fallback.
import * as pageDetect from 'github-url-detection';
import { askBackground } from '../background/client';
import type { OverlayStatus } from '../background/messages';
import { OverlayBadge, type BadgeTone } from '../overlay/badge';
import { defineFeature } from '../overlay/contract';
import { mountNear } from '../overlay/mount';

/** The repository name in GitHub's repository header. */
const ANCHOR = 'strong[itemprop="name"]';

function summary(status: OverlayStatus): { tone: BadgeTone; text: string } {
  const systems = status.systems.length;
  const open = status.openTriggers.length;
  if (systems === 0) return { tone: 'neutral', text: 'no AI system registered from this repository' };
  const noun = systems === 1 ? 'AI system' : 'AI systems';
  if (open === 0) return { tone: 'ok', text: `${systems} ${noun} · no open trigger` };
  return { tone: 'warn', text: `${systems} ${noun} · ${open} open trigger${open === 1 ? '' : 's'}` };
}

export default defineFeature({
  id: 'github-repo-systems',
  host: 'github',
  description:
    'Repository pages: a badge with the AI systems registered from the repository and their open triggers.',
  include: [pageDetect.isRepo],
  // github-url-detection reads only the path, so another host's /a/b address would look like a repository.
  exclude: [pageDetect.isRepoSettings, (url) => url.hostname !== 'github.com'],
  testUrls: [
    'https://github.com/harbor-mutual/ai-platform',
    'https://github.com/harbor-mutual/ai-platform/pull/7',
    'https://github.com/harbor-mutual/ai-platform/tree/main/apps',
  ],
  async init(signal, page) {
    const repo = pageDetect.utils.getRepositoryInfo(page.url)?.nameWithOwner;
    if (!repo) return;
    const reply = await askBackground({ type: 'overlay/github-status', repo });
    if (signal.aborted) return;
    if (!reply.ok) throw new Error(reply.error);
    const { tone, text } = summary(reply.status);
    mountNear(
      ANCHOR,
      <OverlayBadge tone={tone} label={`AIMS Lens: ${text}`}>
        {text}
      </OverlayBadge>,
      { featureId: page.featureId, signal, position: 'after', document: page.document },
    );
  },
});
