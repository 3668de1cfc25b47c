// On a pull request (conversation, files, commits): by the title, the repository's AI systems and
// their open reassessment triggers; below it, each model or provider change still awaiting its
// reassessment, with the clauses that require it (8.2, 8.4). Everything shown is the register's.
import * as pageDetect from 'github-url-detection';
import { askBackground } from '../background/client';
import type { OverlayStatus } from '../background/messages';
import { TRIGGER_CLAUSES } from '../../shared/model/trigger';
import { OverlayBadge, type BadgeTone } from '../overlay/badge';
import { defineFeature } from '../overlay/contract';
import { mountNear } from '../overlay/mount';

/** The pull request title: the classic header, and the React header of the new views. */
const ANCHOR = '.gh-header-title, [data-component="PH_Title"]';

/** Changes to what a system is made of: the ones a pull request can bring. */
const CHANGE_TYPES = new Set([
  'model-added',
  'model-removed',
  'model-changed',
  'pinning-changed',
  'provider-changed',
  'model-file-changed',
  'system-appeared',
  'system-disappeared',
]);

type Trigger = OverlayStatus['openTriggers'][number];

function summary(status: OverlayStatus): { tone: BadgeTone; text: string } {
  const systems = status.systems.length;
  if (systems === 0) return { tone: 'neutral', text: 'no AI system registered from this repository' };
  const overdue = status.openTriggers.filter((t) => t.overdueSince).length;
  const open = status.openTriggers.length;
  const noun = systems === 1 ? 'AI system' : 'AI systems';
  if (open === 0) return { tone: 'ok', text: `${systems} ${noun} · assessments current` };
  const due = `${open} reassessment${open === 1 ? '' : 's'} ${overdue > 0 ? `due (${overdue} overdue)` : 'due'}`;
  return { tone: overdue > 0 ? 'alert' : 'warn', text: `${systems} ${noun} · ${due}` };
}

function ChangeList({ changes, names }: { changes: Trigger[]; names: Map<string, string> }) {
  return (
    <ul className="aims-changes" aria-label="AI component changes awaiting reassessment">
      {changes.map((t) => (
        <li key={t.id} data-trigger-id={t.id}>
          <strong>{t.type}</strong> in <em>{names.get(t.systemId) ?? t.systemId}</em>: {t.detail} — reassess
          under clause {TRIGGER_CLAUSES[t.type].join(', ')}
          {t.overdueSince ? ` (overdue since ${t.overdueSince})` : ''}
        </li>
      ))}
    </ul>
  );
}

export default defineFeature({
  id: 'github-pr-badge',
  host: 'github',
  description:
    'Pull requests: a badge by the title with the AI systems and their due reassessments, and each model or provider change awaiting reassessment.',
  include: [pageDetect.isPR],
  testUrls: [
    'https://github.com/harbor-mutual/ai-platform/pull/214',
    'https://github.com/harbor-mutual/ai-platform/pull/214/files',
  ],
  async init(signal, page) {
    const repo = pageDetect.utils.getRepositoryInfo(page.url)?.nameWithOwner;
    const pull = Number(/\/pull\/(\d+)/.exec(page.url.pathname)?.[1]);
    if (!repo || !Number.isSafeInteger(pull)) return;
    const reply = await askBackground({ type: 'overlay/github-status', repo, pull });
    if (signal.aborted) return;
    if (!reply.ok) throw new Error(reply.error);
    const { tone, text } = summary(reply.status);
    const names = new Map(reply.status.systems.map((s) => [s.id, s.name]));
    const changes = reply.status.openTriggers.filter((t) => CHANGE_TYPES.has(t.type));
    mountNear(
      ANCHOR,
      <span className="aims-pr">
        <OverlayBadge tone={tone} label={`AIMS Lens: ${text}`}>
          {text}
        </OverlayBadge>
        {changes.length > 0 ? <ChangeList changes={changes} names={names} /> : null}
      </span>,
      { featureId: page.featureId, signal, position: 'append', document: page.document },
    );
  },
});
