// On a pull request (conversation, files, commits): by the title, the repository's AI systems with
// their risk level and whether the risk and impact assessments are current, due or overdue; below
// the header, a banner naming each AI component change the pull request makes (e.g. gpt-4o →
// gpt-4.1 in *Customer support assistant*), the clauses that require reassessment (8.2, 8.4), and a
// *Raise trigger* action that records it through the core's write rules (the background's
// overlay/record). Plain DOM, text only, inside shadow roots: the github content script stays small.
import * as pageDetect from 'github-url-detection';
import type { AssessmentState, OverlayStatus, PullChange, PullChanges } from '../background/overlay-protocol';
import { askOverlay } from '../overlay/ask';
import { badgeElement, type BadgeTone } from '../overlay/badge-dom';
import { defineFeature } from '../overlay/contract';
import { el, replaceChildren } from '../overlay/dom';
import { githubPullRef } from '../overlay/github-ref';
import { mountHostNear } from '../overlay/mount-host';

/** The pull request title: the classic header, and the React header of the new views. */
const TITLE = '.gh-header-title, [data-component="PH_Title"]';
/** The header block the banner goes under. */
const HEADER = '.gh-header-show, [data-component="PH_Header"]';

/** Worst first: the state a summary of several systems reports. */
const SEVERITY: readonly AssessmentState[] = ['overdue', 'due', 'missing', 'stale', 'in-progress', 'current'];
const STATE_WORDS: Record<AssessmentState, string> = {
  overdue: 'overdue',
  due: 'due',
  missing: 'missing',
  stale: 'stale (system changed)',
  'in-progress': 'in progress',
  current: 'current',
};

const worst = (states: readonly AssessmentState[]): AssessmentState =>
  SEVERITY.find((s) => states.includes(s)) ?? 'current';

type System = OverlayStatus['systems'][number];

/** The badge's tone and text: systems, risk level(s), and each assessment's worst state. */
export function badgeSummary(systems: readonly System[]): { tone: BadgeTone; text: string; detail: string } {
  if (systems.length === 0)
    return { tone: 'neutral', text: 'no AI system registered from this repository', detail: '' };
  const levels = [...new Set(systems.map((s) => s.riskLevel ?? 'not assessed'))];
  const risk = worst(systems.map((s) => s.risk));
  const impact = worst(systems.map((s) => s.impact));
  const who = systems.length === 1 ? (systems[0]?.name ?? '') : `${systems.length} AI systems`;
  const text = `${who} · risk ${levels.join(', ')} · risk assessment ${STATE_WORDS[risk]} · impact assessment ${STATE_WORDS[impact]}`;
  const states = [risk, impact];
  const tone: BadgeTone = states.includes('overdue')
    ? 'alert'
    : states.every((s) => s === 'current')
      ? 'ok'
      : 'warn';
  const detail = systems
    .map(
      (s) =>
        `${s.name}: risk ${s.riskLevel ?? 'not assessed'}; risk assessment ${STATE_WORDS[s.risk]}; impact assessment ${STATE_WORDS[s.impact]}`,
    )
    .join('\n');
  return { tone, text, detail };
}

/** `gpt-4o → gpt-4.1` for a change with both sides, else the change's own detail. */
export function changeName(change: Pick<PullChange, 'before' | 'after' | 'detail'>): string {
  if (change.before !== undefined && change.after !== undefined) return `${change.before} → ${change.after}`;
  if (change.after !== undefined) return `${change.after} added`;
  if (change.before !== undefined) return `${change.before} removed`;
  return change.detail;
}

/** The badge sits in the title: it may wrap rather than run past a narrow header. */
const BADGE_STYLES = `
:host { max-width: 100%; }
.aims-badge { white-space: normal; border-radius: 12px; }
`;

const STYLES = `
:host(:not([data-aims-floating])) { display: block; margin: 8px 0; }
.aims-banner p { margin: 6px 0 0; }
.aims-banner { font: 13px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: CanvasText;
  background: Canvas; border: 1px solid #d4a72c; border-left-width: 4px; border-radius: 6px;
  padding: 8px 12px; max-width: 100%; box-sizing: border-box; overflow-wrap: anywhere; }
.aims-banner h2 { font-size: 13px; font-weight: 600; margin: 0 0 4px; }
.aims-banner ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 6px; }
.aims-banner li { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.aims-banner code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(175,184,193,.2);
  padding: 0 4px; border-radius: 4px; }
.aims-banner button { font: inherit; padding: 1px 10px; border-radius: 6px; border: 1px solid #8c959f;
  background: #f6f8fa; color: #1f2328; cursor: pointer; }
.aims-banner button[disabled] { cursor: progress; opacity: .7; }
.aims-banner .raised { color: #1a7f37; }
.aims-banner .note, .aims-banner .clauses { color: #59636e; }
.aims-banner [role="alert"] { color: #cf222e; }
`;

interface PullPage {
  doc: Document;
  /** The page's origin: github.com or a GitHub Enterprise Server. */
  origin: string;
  repo: string;
  pull: number;
  signal: AbortSignal;
  featureId: string;
}

function renderBadge(page: PullPage, status: OverlayStatus): void {
  const { tone, text, detail } = badgeSummary(status.systems);
  mountHostNear(
    TITLE,
    (container) => {
      const badge = badgeElement(page.doc, tone, `AIMS Lens: ${text}`, text);
      if (detail) badge.title = detail;
      container.append(badge);
    },
    {
      featureId: page.featureId,
      signal: page.signal,
      position: 'append',
      styles: BADGE_STYLES,
      document: page.doc,
    },
  );
}

function changeItem(page: PullPage, change: PullChange, onRaise: (button: HTMLButtonElement) => void) {
  const { doc } = page;
  const action = change.raised
    ? el(doc, 'span', { class: 'raised' }, `✓ Trigger raised ${change.raised.raisedOn}`)
    : change.systemId
      ? el(doc, 'button', { type: 'button' }, 'Raise trigger')
      : el(doc, 'span', { class: 'note' }, 'not in the register yet: scan the repository first');
  if (action instanceof HTMLButtonElement) action.addEventListener('click', () => onRaise(action));
  return el(
    doc,
    'li',
    { 'data-change-type': change.type },
    el(doc, 'code', {}, changeName(change)),
    el(doc, 'span', {}, 'in ', el(doc, 'em', {}, change.systemName)),
    el(doc, 'span', { class: 'clauses' }, `reassess under clause ${change.clauses.join(', ')}`),
    action,
  );
}

function renderBanner(page: PullPage, pull: PullChanges, message?: { text: string; alert: boolean }): void {
  const { doc } = page;
  if (pull.changes.length === 0 && !message) return;
  mountHostNear(
    HEADER,
    (container) => {
      const heading = pull.analysed
        ? 'This pull request changes an AI component'
        : 'AI component changes raised from this pull request';
      const list = el(doc, 'ul', { 'aria-label': 'AI component changes in this pull request' });
      const say = el(doc, 'p', message ? { role: message.alert ? 'alert' : 'status' } : { hidden: '' });
      if (message) say.textContent = message.text;
      for (const change of pull.changes) {
        list.append(changeItem(page, change, (button) => void raise(page, change, button, say)));
      }
      container.append(
        el(
          doc,
          'section',
          { class: 'aims-banner', 'aria-label': 'AIMS Lens: AI component changes' },
          el(doc, 'h2', {}, `AIMS Lens · ${heading}`),
          list,
          say,
          pull.note ? el(doc, 'p', { class: 'note' }, pull.note) : null,
        ),
      );
    },
    {
      featureId: page.featureId,
      key: 'banner',
      signal: page.signal,
      position: 'after',
      styles: STYLES,
      document: doc,
    },
  );
}

/** Records the change as a trigger raised from this pull request, then shows what the register now says. */
async function raise(page: PullPage, change: PullChange, button: HTMLButtonElement, say: HTMLElement) {
  if (!change.systemId) return;
  button.disabled = true;
  button.textContent = 'Raising…';
  const written = await askOverlay({
    type: 'overlay/record',
    kind: 'trigger',
    value: {
      systemId: change.systemId,
      type: change.type,
      ...(change.before !== undefined ? { before: change.before } : {}),
      ...(change.after !== undefined ? { after: change.after } : {}),
      detail: `Pull request ${page.repo}#${page.pull}: ${change.detail}`,
      source: { tool: 'github', ref: githubPullRef(page.origin, page.repo, page.pull) },
    },
  });
  if (page.signal.aborted) return;
  if (!written.ok) {
    button.disabled = false;
    button.textContent = 'Raise trigger';
    say.hidden = false;
    say.setAttribute('role', 'alert');
    replaceChildren(say, `Could not raise the trigger: ${written.error}`);
    return;
  }
  const message = {
    text: `Trigger raised: ${changeName(change)} in ${change.systemName} now awaits reassessment (clause ${change.clauses.join(', ')}).`,
    alert: false,
  };
  await show(page, message);
}

/** Asks the background for the badge first (the register only), then for the pull request's changes. */
async function show(page: PullPage, message?: { text: string; alert: boolean }): Promise<void> {
  const status = await askOverlay({ type: 'overlay/github-status', repo: page.repo, pull: page.pull });
  if (page.signal.aborted) return;
  if (!status.ok) throw new Error(status.error);
  renderBadge(page, status.status);
  const pull = await askOverlay({ type: 'overlay/github-pull', repo: page.repo, pull: page.pull });
  if (page.signal.aborted) return;
  if (!pull.ok) throw new Error(pull.error);
  renderBanner(page, pull.pull, message);
}

export default defineFeature({
  id: 'github-pr-badge',
  host: 'github',
  description:
    'Pull requests: a badge by the title with the AI systems, their risk level and assessment states, and a banner naming each AI component change with the clauses and a Raise trigger action.',
  include: [pageDetect.isPR],
  testUrls: [
    'https://github.com/harbor-mutual/ai-platform/pull/214',
    'https://github.com/harbor-mutual/ai-platform/pull/214/files',
  ],
  async init(signal, page) {
    const repo = pageDetect.utils.getRepositoryInfo(page.url)?.nameWithOwner;
    const pull = Number(/\/pull\/(\d+)/.exec(page.url.pathname)?.[1]);
    if (!repo || !Number.isSafeInteger(pull)) return;
    await show({
      doc: page.document,
      origin: page.url.origin,
      repo,
      pull,
      signal,
      featureId: page.featureId,
    });
  },
});
