// On a repository page: the inventory badge — how many register AI systems come from this
// repository, when a scan last saw them, and how many of their triggers are open. Plain DOM, text
// only, in a shadow root: the github content script stays small.
import * as pageDetect from 'github-url-detection';
import type { OverlayStatus } from '../background/overlay-protocol';
import { askOverlay } from '../overlay/ask';
import { badgeElement, type BadgeTone } from '../overlay/badge-dom';
import { defineFeature } from '../overlay/contract';
import { mountHostNear } from '../overlay/mount-host';

/** The repository name in GitHub's repository header. */
const ANCHOR = 'strong[itemprop="name"]';

/** Systems found, last scan (the latest day a scan still saw one of them), open triggers. */
export function inventorySummary(status: OverlayStatus): { tone: BadgeTone; text: string } {
  const systems = status.systems.length;
  if (systems === 0) return { tone: 'neutral', text: 'no AI system registered from this repository' };
  const open = status.openTriggers.length;
  const noun = systems === 1 ? 'AI system' : 'AI systems';
  const seen = status.systems
    .map((s) => s.lastSeen)
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  const scan = seen ? `last scan ${seen}` : 'not scanned yet';
  const triggers = open === 0 ? 'no open trigger' : `${open} open trigger${open === 1 ? '' : 's'}`;
  return { tone: open === 0 ? 'ok' : 'warn', text: `${systems} ${noun} · ${scan} · ${triggers}` };
}

export default defineFeature({
  id: 'github-repo-systems',
  host: 'github',
  description:
    'Repository pages: an inventory badge with the AI systems registered from the repository, the last scan and the open triggers.',
  include: [pageDetect.isRepo],
  // github-url-detection reads only the path, so another host's /a/b address would look like a repository.
  // A pull request has its own badge (github-pr-badge) with the same systems: one is enough.
  exclude: [pageDetect.isRepoSettings, pageDetect.isPR, (url) => url.hostname !== 'github.com'],
  testUrls: [
    'https://github.com/harbor-mutual/ai-platform',
    'https://github.com/harbor-mutual/ai-platform/issues/7',
    'https://github.com/harbor-mutual/ai-platform/tree/main/apps',
  ],
  async init(signal, page) {
    const repo = pageDetect.utils.getRepositoryInfo(page.url)?.nameWithOwner;
    if (!repo) return;
    const reply = await askOverlay({ type: 'overlay/github-status', repo });
    if (signal.aborted) return;
    if (!reply.ok) throw new Error(reply.error);
    const { tone, text } = inventorySummary(reply.status);
    mountHostNear(
      ANCHOR,
      (container) => container.append(badgeElement(page.document, tone, `AIMS Lens: ${text}`, text)),
      { featureId: page.featureId, signal, position: 'after', document: page.document },
    );
  },
});
