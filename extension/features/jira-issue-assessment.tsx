// On a Jira issue or epic (full page, or open in a board or list; Jira Cloud, or a Data Center host the
// user granted, where the background registers this script): the AI systems linked to it, each with
// its risk level and assessment status, and *Link to assessment*, which asks the background to write the
// remote link and issue property in Jira and record the link as evidence. The page never sees a token.
// Plain DOM, text only, in a shadow root: the jira content script stays small.
import type { JiraPanel } from '../background/overlay-protocol';
import { askOverlay } from '../overlay/ask';
import { badgeElement, type BadgeTone } from '../overlay/badge-dom';
import { defineFeature } from '../overlay/contract';
import { el, replaceChildren } from '../overlay/dom';
import { isJiraIssue, jiraIssueKey } from '../overlay/jira-pages';
import { mountHostNear, type Render } from '../overlay/mount-host';

/**
 * The issue's summary heading: Jira Cloud's on the full page and in a board's issue panel alike, and
 * Jira Data Center's (`#summary-val` in the issue header).
 */
const ANCHOR = 'h1[data-testid="issue.views.issue-base.foundation.summary.heading"], h1#summary-val';

const STYLES = `
:host(:not([data-aims-floating])) { display: block; margin: 8px 0; }
.aims-jira { display: flex; flex-direction: column; gap: 8px; max-width: 720px; padding: 8px 12px;
  border: 1px solid #c1c7d0; border-radius: 6px; background: Canvas; color: CanvasText;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; box-sizing: border-box; }
:host([data-aims-floating]) .aims-jira { width: 520px; box-shadow: 0 4px 12px rgba(9, 30, 66, 0.25); }
.aims-jira .aims-badge { align-self: flex-start; }
.aims-jira ul { margin: 0; padding: 0; list-style: none; display: grid;
  grid-template-columns: minmax(110px, max-content) max-content 1fr; gap: 4px 12px; }
.aims-jira li { display: contents; }
.aims-jira .name { font-weight: 600; overflow-wrap: anywhere; }
.aims-jira .risk { white-space: nowrap; }
.aims-jira .facts, .aims-jira .muted { color: #505f79; }
.aims-jira .muted { font-weight: 400; }
.aims-jira .tag { margin-left: 6px; font-size: 11px; font-weight: 400; padding: 0 6px; border-radius: 3px;
  background: #e9f2ff; color: #0c66e4; white-space: nowrap; }
.aims-jira form { display: flex; flex-direction: column; gap: 4px; padding-top: 8px;
  border-top: 1px solid #dfe1e6; }
.aims-jira label { overflow-wrap: anywhere; }
.aims-jira .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.aims-jira select, .aims-jira button { font: inherit; padding: 2px 8px; border-radius: 4px; }
.aims-jira select { max-width: 280px; border: 1px solid #8590a2; background: Canvas; color: CanvasText; }
.aims-jira button { border: 1px solid #0c66e4; background: #0c66e4; color: #fff; cursor: pointer; }
.aims-jira button:disabled { opacity: 0.6; cursor: default; }
.aims-jira button.secondary { align-self: flex-start; background: Canvas; color: #0c66e4; }
.aims-jira .note { font-size: 12px; color: #626f86; overflow-wrap: anywhere; }
.aims-jira [role="alert"] { color: #ae2a19; overflow-wrap: anywhere; }
.aims-jira .done { color: #216e4e; }
`;

type Assessment = JiraPanel['assessments'][number];

/** The system's risk level and its two assessment states, as two short cells. */
function facts(a: Assessment | undefined): { risk: string; states: string } {
  if (!a) return { risk: 'risk unknown', states: 'assessment status unknown' };
  return {
    risk: `risk ${a.riskLevel ?? 'not assessed'}`,
    states: `risk assessment ${a.riskAssessment} · impact assessment ${a.impactAssessment}`,
  };
}

/** Worst first: what the badge's colour says about the linked systems. */
function toneOf(panel: JiraPanel): BadgeTone {
  const states = panel.assessments.flatMap((a) => [a.riskAssessment, a.impactAssessment]);
  if (states.some((s) => s === 'overdue' || s === 'missing')) return 'alert';
  if (states.some((s) => s !== 'current') || panel.status.openTriggers.length > 0) return 'warn';
  return panel.status.systems.length > 0 ? 'ok' : 'neutral';
}

function headline(panel: JiraPanel): string {
  const n = panel.status.systems.length;
  if (n === 0) return 'no AI system linked to this issue';
  const open = panel.status.openTriggers.length;
  return `${n} AI system${n === 1 ? '' : 's'}${open ? ` · ${open} open trigger${open === 1 ? '' : 's'}` : ''}`;
}

/** One system: its name (out of scope, linked), its risk level and its assessment states. */
function systemRow(
  doc: Document,
  system: JiraPanel['status']['systems'][number],
  assessment: Assessment | undefined,
  linked: boolean,
): HTMLLIElement {
  const { risk, states } = facts(assessment);
  return el(
    doc,
    'li',
    {},
    el(
      doc,
      'span',
      { class: 'name' },
      system.name,
      !system.inScope && el(doc, 'span', { class: 'muted' }, ' (out of scope)'),
      linked && el(doc, 'span', { class: 'tag' }, 'linked'),
    ),
    el(doc, 'span', { class: 'risk' }, risk),
    el(doc, 'span', { class: 'facts' }, states),
  );
}

/** A long summary cut to one readable line (by characters, so no surrogate pair is split). */
const shorten = (text: string) => {
  const chars = [...text];
  return chars.length > 90 ? `${chars.slice(0, 89).join('')}…` : text;
};

/**
 * The issue panel: badge, systems, *Link to assessment* (when this site can link) or *Open
 * Connections* (when it cannot), and what the last link did. Redrawn whole on each change.
 */
function issuePanel(doc: Document, initial: JiraPanel, issueKey: string, summary: string): Render {
  return (container) => {
    let panel = initial;
    let error: string | undefined;
    let done: string | undefined;
    let busy = false;
    let chosen = panel.choices.find((c) => !panel.linkedSystemIds.includes(c.id))?.id ?? '';
    const section = el(doc, 'section', { class: 'aims-jira', 'aria-label': `AIMS Lens: ${issueKey}` });

    const link = async () => {
      if (!chosen) return;
      const systemId = chosen;
      busy = true;
      done = undefined;
      draw();
      const reply = await askOverlay({ type: 'overlay/jira-link', key: issueKey, systemId });
      busy = false;
      if (!reply.ok) {
        error = reply.error;
        return draw();
      }
      error = undefined;
      panel = reply.panel;
      const name = panel.choices.find((c) => c.id === systemId)?.name ?? systemId;
      done = `Linked ${issueKey} to ${name}; the link is recorded as evidence.`;
      chosen = panel.choices.find((c) => !panel.linkedSystemIds.includes(c.id))?.id ?? '';
      draw();
    };

    const linkForm = (choices: JiraPanel['choices']) => {
      const select = el(
        doc,
        'select',
        { id: 'aims-jira-system' },
        ...choices.map((c) => el(doc, 'option', { value: c.id }, c.name)),
      );
      select.value = chosen;
      select.addEventListener('change', () => {
        chosen = select.value;
        button.disabled = busy || !chosen;
      });
      const button = el(doc, 'button', { type: 'submit' }, busy ? 'Linking…' : 'Link to assessment');
      button.disabled = busy || !chosen;
      const form = el(
        doc,
        'form',
        { 'aria-label': 'Link to assessment' },
        el(
          doc,
          'label',
          { for: 'aims-jira-system' },
          // The summary is anyone's text: <bdi> keeps a right-to-left override in it from reordering the label.
          'Link “',
          el(doc, 'bdi', {}, shorten(summary) || issueKey),
          '” to the assessment of',
        ),
        el(doc, 'div', { class: 'row' }, select, button),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void link();
      });
      return form;
    };

    const openConnections = () => {
      const button = el(doc, 'button', { type: 'button', class: 'secondary' }, 'Open Connections');
      button.addEventListener('click', () => {
        void askOverlay({ type: 'connections/open' }).then((reply) => {
          if (reply.ok) return;
          error = reply.error;
          draw();
        });
      });
      return button;
    };

    function draw(): void {
      const linked = new Set(panel.linkedSystemIds);
      const choices = panel.choices.filter((c) => !linked.has(c.id));
      const text = headline(panel);
      replaceChildren(
        section,
        badgeElement(doc, toneOf(panel), `AIMS Lens: ${text}`, text),
        panel.status.systems.length > 0 &&
          el(
            doc,
            'ul',
            { 'aria-label': 'AI systems' },
            ...panel.status.systems.map((system) =>
              systemRow(
                doc,
                system,
                panel.assessments.find((a) => a.systemId === system.id),
                linked.has(system.id),
              ),
            ),
          ),
        panel.linking.available && choices.length > 0 && linkForm(choices),
        el(doc, 'span', { class: 'note' }, panel.linking.detail),
        !panel.linking.available && openConnections(),
        done !== undefined && done !== '' && el(doc, 'span', { role: 'status', class: 'done' }, done),
        error !== undefined && error !== '' && el(doc, 'span', { role: 'alert' }, error),
      );
    }

    draw();
    container.append(section);
  };
}

export default defineFeature({
  id: 'jira-issue-assessment',
  host: 'jira',
  description:
    'Issue and epic pages (also opened in a board): the linked AI systems with risk level and assessment status, and Link to assessment.',
  include: [isJiraIssue],
  testUrls: [
    'https://harbormutual.atlassian.net/browse/AIMS-142',
    'https://harbormutual.atlassian.net/jira/software/projects/AIMS/boards/3?selectedIssue=AIMS-142',
    'https://harbormutual.atlassian.net/jira/software/c/projects/CLM/issues/CLM-7',
  ],
  async init(signal, page) {
    const key = jiraIssueKey(page.url);
    if (!key) return;
    const reply = await askOverlay({ type: 'overlay/jira-panel', key });
    if (signal.aborted) return;
    if (!reply.ok) throw new Error(reply.error);
    // The heading's text, as text: it is the page's (anyone who can edit the issue wrote it).
    const summary = (page.document.querySelector(ANCHOR)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    mountHostNear(ANCHOR, issuePanel(page.document, reply.panel, key, summary), {
      featureId: page.featureId,
      signal,
      position: 'after',
      document: page.document,
      styles: STYLES,
    });
  },
});
