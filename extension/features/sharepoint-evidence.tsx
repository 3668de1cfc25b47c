// On a SharePoint document (or a library view): whether it is registered evidence, for which clauses,
// controls and systems, and whether the pinned version is still the latest (fresh) or a newer one exists
// (superseded, until a person confirms). A document that is not evidence offers *Register as evidence*.
// Plain DOM, text only, in a shadow root: the sharepoint content script stays small.
import type { OverlayStatus } from '../background/overlay-protocol';
import { askOverlay } from '../overlay/ask';
import { badgeElement } from '../overlay/badge-dom';
import { defineFeature } from '../overlay/contract';
import { el, replaceChildren } from '../overlay/dom';
import { mountHostNear, type Render } from '../overlay/mount-host';
import { isSharePointDocument, isSharePointLibrary, sharePointDocument } from '../overlay/sharepoint-pages';

type Evidence = OverlayStatus['evidence'][number];

/** The page's title heading; real SharePoint viewers often lack one, and the badge floats. */
const ANCHOR = 'h1';

const STYLES = `
.aims-evidence { display: inline-flex; flex-direction: column; gap: 6px; font: 13px/1.4 system-ui, sans-serif; }
.aims-evidence form { display: grid; grid-template-columns: auto 1fr; gap: 4px 8px; padding: 8px;
  border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
.aims-evidence button { font: inherit; padding: 2px 10px; border-radius: 6px; border: 1px solid #8c959f;
  background: #f6f8fa; cursor: pointer; }
.aims-evidence input { font: inherit; padding: 2px 4px; }
.aims-evidence [role="alert"] { color: #cf222e; }
`;

const list = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function describe(item: Evidence, status: OverlayStatus): string {
  const names = (item.systemIds ?? []).map((id) => status.systems.find((s) => s.id === id)?.name ?? id);
  const refs = [...(item.clauses ?? []), ...(item.controls ?? [])];
  const parts = [
    refs.length ? refs.join(', ') : 'no clause or control',
    names.length ? names.join(', ') : 'no system',
  ];
  const state =
    item.state === 'superseded'
      ? `superseded: version ${item.newerVersion ?? '?'} is newer than pinned ${item.pinnedVersion}`
      : `fresh (version ${item.pinnedVersion})`;
  return `Registered evidence · ${parts.join(' · ')} · ${state}`;
}

/** The badge for registered evidence: the first item described, with how many more there are. */
function evidenceBadge(doc: Document, status: OverlayStatus, first: Evidence): HTMLSpanElement {
  const more = status.evidence.length - 1;
  const text = describe(first, status) + (more ? ` (+${more} more)` : '');
  return badgeElement(doc, first.state === 'superseded' ? 'warn' : 'ok', `AIMS Lens: ${text}`, text);
}

/** A labelled input of the registration form. */
function field(doc: Document, name: string, label: string, placeholder: string): HTMLElement[] {
  const id = `aims-${name}`;
  return [el(doc, 'label', { for: id }, label), el(doc, 'input', { id, name, placeholder })];
}

/**
 * The document panel: the evidence badge, or *Register as evidence* with its form, its error and,
 * when Microsoft 365 is not signed in, *Open Connections* (the sign-in happens there; no token
 * ever comes here). The form's inputs are kept across redraws, so a refused entry can be corrected.
 */
function evidencePanel(doc: Document, initial: OverlayStatus, url: string, title: string): Render {
  return (container) => {
    let status = initial;
    let open = false;
    let error: string | undefined;
    let remedy = false;
    const root = el(doc, 'div', { class: 'aims-evidence' });
    const notEvidence = badgeElement(
      doc,
      'neutral',
      'AIMS Lens: not registered evidence',
      'Not registered evidence',
    );
    const register = el(doc, 'button', { type: 'button' }, 'Register as evidence');
    const submit = el(doc, 'button', { type: 'submit' }, 'Record evidence');
    const form = el(
      doc,
      'form',
      { 'aria-label': 'Register as evidence' },
      ...field(doc, 'clauses', 'Clauses', '7.5.3'),
      ...field(doc, 'controls', 'Controls', 'A.6.2.7'),
      ...field(doc, 'systems', 'Systems', 'sys-claims-triage'),
      el(doc, 'span'),
      submit,
    );
    const openConnections = el(doc, 'button', { type: 'button' }, 'Open Connections');

    const draw = () => {
      const [first] = status.evidence;
      if (first) return replaceChildren(root, evidenceBadge(doc, status, first));
      replaceChildren(
        root,
        notEvidence,
        !open && register,
        open && form,
        error !== undefined && error !== '' && el(doc, 'span', { role: 'alert' }, error),
        remedy && openConnections,
      );
    };

    register.addEventListener('click', () => {
      open = true;
      draw();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      submit.disabled = true;
      void askOverlay({
        type: 'overlay/sharepoint-register-evidence',
        url,
        title,
        clauses: list(String(data.get('clauses') ?? '')),
        controls: list(String(data.get('controls') ?? '')),
        systemIds: list(String(data.get('systems') ?? '')),
      }).then((reply) => {
        submit.disabled = false;
        if (!reply.ok) {
          // The request type the background prefixes is for logs, not for the person reading.
          error = reply.error.replace(/^overlay\/[a-z-]+: /, '');
          remedy = reply.remedy === 'open-connections';
          return draw();
        }
        error = undefined;
        remedy = false;
        open = false;
        status = reply.status;
        draw();
      });
    });
    openConnections.addEventListener('click', () => {
      void askOverlay({ type: 'connections/open' }).then((reply) => {
        if (reply.ok) return;
        error = reply.error;
        draw();
      });
    });

    draw();
    container.append(root);
  };
}

/** A library view: how many documents here are registered evidence, and how many are superseded. */
function librarySummary(doc: Document, status: OverlayStatus): Render {
  const superseded = status.evidence.filter((e) => e.state === 'superseded').length;
  const count = status.evidence.length;
  const text =
    count === 0
      ? 'no registered evidence in this library'
      : `${count} registered evidence document${count === 1 ? '' : 's'} here` +
        (superseded ? ` · ${superseded} superseded` : ' · all fresh');
  const tone = superseded ? 'warn' : count ? 'ok' : 'neutral';
  return (container) => container.append(badgeElement(doc, tone, `AIMS Lens: ${text}`, text));
}

export default defineFeature({
  id: 'sharepoint-evidence',
  host: 'sharepoint',
  description:
    'Document and library pages: whether a document is registered evidence (clauses, controls, systems; fresh or superseded), and Register as evidence.',
  include: [isSharePointDocument, isSharePointLibrary],
  testUrls: [
    'https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/monitoring-report-2026-q3.pdf',
    'https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/Forms/AllItems.aspx?id=%2Fsites%2Faims%2FShared%20Documents%2Fai-policy.docx',
    'https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/Forms/AllItems.aspx',
  ],
  async init(signal, page) {
    const url = page.url.href;
    const reply = await askOverlay({ type: 'overlay/sharepoint-status', url });
    if (signal.aborted) return;
    if (!reply.ok) throw new Error(reply.error);
    const doc = page.document;
    const options = {
      featureId: page.featureId,
      signal,
      position: 'after' as const,
      document: doc,
      styles: STYLES,
    };
    if (!isSharePointDocument(page.url)) {
      mountHostNear(ANCHOR, librarySummary(doc, reply.status), options);
      return;
    }
    const document = sharePointDocument(page.url);
    const title =
      document?.name ||
      // Already decoded by sharePointDocument: decoding again would throw on a name like '100% done.pdf'.
      (document?.path ?? '').split('/').pop() ||
      doc.title ||
      'SharePoint document';
    mountHostNear(ANCHOR, evidencePanel(doc, reply.status, url, title), options);
  },
});
