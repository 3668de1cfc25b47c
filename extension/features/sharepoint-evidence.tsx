// On a SharePoint document (or a library view): whether it is registered evidence, for which clauses,
// controls and systems, and whether the pinned version is still the latest (fresh) or a newer one exists
// (superseded, until a person confirms). A document that is not evidence offers *Register as evidence*.
import { useState, type FormEvent } from 'react';
import { askBackground } from '../background/client';
import type { OverlayStatus } from '../background/messages';
import { OverlayBadge } from '../overlay/badge';
import { defineFeature } from '../overlay/contract';
import { mountNear } from '../overlay/mount';
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

function EvidencePanel({ initial, url, title }: { initial: OverlayStatus; url: string; title: string }) {
  const [status, setStatus] = useState(initial);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // Set when the failure is fixed on the Connections page (Microsoft 365 not signed in): the page
  // is offered, the sign-in itself happens there, and no token ever comes here.
  const [remedy, setRemedy] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    const reply = await askBackground({
      type: 'overlay/sharepoint-register-evidence',
      url,
      title,
      clauses: list(String(data.get('clauses') ?? '')),
      controls: list(String(data.get('controls') ?? '')),
      systemIds: list(String(data.get('systems') ?? '')),
    });
    setBusy(false);
    if (!reply.ok) {
      // The request type the background prefixes is for logs, not for the person reading.
      setError(reply.error.replace(/^overlay\/[a-z-]+: /, ''));
      setRemedy(reply.remedy === 'open-connections');
      return;
    }
    setError(undefined);
    setRemedy(false);
    setOpen(false);
    setStatus(reply.status);
  }

  const [first, ...more] = status.evidence;
  if (first) {
    const text = describe(first, status) + (more.length ? ` (+${more.length} more)` : '');
    return (
      <div className="aims-evidence">
        <OverlayBadge tone={first.state === 'superseded' ? 'warn' : 'ok'} label={`AIMS Lens: ${text}`}>
          {text}
        </OverlayBadge>
      </div>
    );
  }
  return (
    <div className="aims-evidence">
      <OverlayBadge tone="neutral" label="AIMS Lens: not registered evidence">
        Not registered evidence
      </OverlayBadge>
      {!open && (
        <button type="button" onClick={() => setOpen(true)}>
          Register as evidence
        </button>
      )}
      {open && (
        <form onSubmit={(e) => void submit(e)} aria-label="Register as evidence">
          <label htmlFor="aims-clauses">Clauses</label>
          <input id="aims-clauses" name="clauses" placeholder="7.5.3" />
          <label htmlFor="aims-controls">Controls</label>
          <input id="aims-controls" name="controls" placeholder="A.6.2.7" />
          <label htmlFor="aims-systems">Systems</label>
          <input id="aims-systems" name="systems" placeholder="sys-claims-triage" />
          <span />
          <button type="submit" disabled={busy}>
            Record evidence
          </button>
        </form>
      )}
      {error && <span role="alert">{error}</span>}
      {remedy && (
        <button
          type="button"
          onClick={() =>
            void askBackground({ type: 'connections/open' }).then((r) => {
              if (!r.ok) setError(r.error);
            })
          }
        >
          Open Connections
        </button>
      )}
    </div>
  );
}

function LibrarySummary({ status }: { status: OverlayStatus }) {
  const superseded = status.evidence.filter((e) => e.state === 'superseded').length;
  const count = status.evidence.length;
  const text =
    count === 0
      ? 'no registered evidence in this library'
      : `${count} registered evidence document${count === 1 ? '' : 's'} here` +
        (superseded ? ` · ${superseded} superseded` : ' · all fresh');
  return (
    <OverlayBadge tone={superseded ? 'warn' : count ? 'ok' : 'neutral'} label={`AIMS Lens: ${text}`}>
      {text}
    </OverlayBadge>
  );
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
    const reply = await askBackground({ type: 'overlay/sharepoint-status', url });
    if (signal.aborted) return;
    if (!reply.ok) throw new Error(reply.error);
    const options = {
      featureId: page.featureId,
      signal,
      position: 'after' as const,
      document: page.document,
      styles: STYLES,
    };
    if (!isSharePointDocument(page.url)) {
      mountNear(ANCHOR, <LibrarySummary status={reply.status} />, options);
      return;
    }
    const path = sharePointDocument(page.url)?.path ?? '';
    const title =
      decodeURIComponent(path.split('/').pop() ?? '') || page.document.title || 'SharePoint document';
    mountNear(ANCHOR, <EvidencePanel initial={reply.status} url={url} title={title} />, options);
  },
});
