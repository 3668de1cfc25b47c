// The auditor's evidence pack as a set of files: a static site navigable by clause, control and system,
// where every evidence item shows its source link, pinned version and content hash. Pure: the Node side
// writes the files and the manifest of their hashes.
import type { AuditFinding, DocumentedInformation, EvidenceItem } from '../model';
import { CLAUSES, controlById } from '../standard';
import { latestAssessment } from '../processes/assessments';
import { operatingCalendar } from '../processes/calendar';
import {
  evidenceChecks,
  gapAssessment,
  clausePercent,
  staleEvidence,
  type EvidenceCheck,
} from '../processes/gap-assessment';
import { GRADE_LABEL } from '../processes/internal-audit';
import { compileReviewInputs, recordedInputs, reviewCadence } from '../processes/management-review';
import { readiness as computeReadiness, readinessJson, statusReason } from '../processes/readiness';
import { currentMethodology, systemStatuses } from '../processes/reassessment';
import { isUnder } from '../processes/requirements';
import { rmfCoverage } from '../processes/rmf-coverage';
import type { RegisterVerdict } from '../register';
import type { FullSnapshot } from '../processes/snapshot';
import { recordsForClause, type ClauseRecordRow } from '../processes/records-by-clause';
import { buildSoa, type SoaRow } from '../processes/soa';
import { escapeHtml, externalLink, htmlDocument, htmlTable } from './html';
import { toICalendar } from './icalendar';
import { soaToCsv, soaToJson } from './soa';
import { barsSvg, heatMapSvg, type HeatPoint } from './svg';

export interface PackFile {
  /** Relative path inside the pack, with '/' separators. */
  path: string;
  content: string;
}

export interface PackOptions {
  today: string;
  /** ISO instant the pack was produced. */
  generatedAt: string;
  organisation?: string;
  /** The register's event chain verdict, so the pack can be tied to the register state it shows. */
  registerChain?: RegisterVerdict;
}

/** A file name for an id; ':' is legal in ids but not in every file system. */
export const pageName = (id: string) => `${id.replaceAll(':', '~')}.html`;

/** Relative link from one pack file to another ('clauses/4.3.html' → '../controls/A.2.2.html'). */
export function relativeHref(from: string, to: string): string {
  const depth = from.split('/').length - 1;
  return `${'../'.repeat(depth)}${to}`;
}

const clausePath = (id: string) => `clauses/${pageName(id)}`;
const controlPath = (id: string) => `controls/${pageName(id)}`;
const systemPath = (id: string) => `systems/${pageName(id)}`;

const STATE_CLASS: Record<string, string> = {
  present: 'ok',
  current: 'ok',
  covered: 'ok',
  'not-applicable': 'muted',
  'wrong-form': 'warn',
  partial: 'warn',
  stale: 'warn',
  due: 'warn',
  'in-progress': 'warn',
  missing: 'bad',
  overdue: 'bad',
  none: 'bad',
};
const state = (s: string) => `<span class="pill ${STATE_CLASS[s] ?? ''}">${escapeHtml(s)}</span>`;

interface Context {
  snapshot: FullSnapshot;
  options: PackOptions;
  checks: EvidenceCheck[];
  soa: SoaRow[];
  systems: Map<string, FullSnapshot['ai-system'][number]>;
}

function nav(from: string): string {
  const link = (to: string, label: string) =>
    `<a href="${escapeHtml(relativeHref(from, to))}">${escapeHtml(label)}</a>`;
  return `<header><strong>AIMS evidence pack</strong>${[
    link('index.html', 'Readiness'),
    link('clauses/index.html', 'Clauses'),
    link('controls/index.html', 'Controls (SoA)'),
    link('systems/index.html', 'AI systems'),
    link('evidence/index.html', 'Evidence'),
    link('audits.html', 'Audits & reviews'),
    link('rmf.html', 'NIST AI RMF'),
    link('calendar.html', 'Calendar'),
  ].join('')}</header>`;
}

const page = (path: string, title: string, body: string): PackFile => ({
  path,
  content: htmlDocument(title, body, { nav: nav(path) }),
});

/** A record id, linked to its page when it has one (systems, controls). */
function recordLink(ctx: Context, from: string, id: string): string {
  if (ctx.systems.has(id))
    return `<a href="${escapeHtml(relativeHref(from, systemPath(id)))}">${escapeHtml(id)}</a>`;
  if (controlById(id))
    return `<a href="${escapeHtml(relativeHref(from, controlPath(id)))}">${escapeHtml(id)}</a>`;
  if (ctx.snapshot.evidence.some((e) => e.id === id)) {
    return `<a href="${escapeHtml(relativeHref(from, `evidence/index.html#${id}`))}">${escapeHtml(id)}</a>`;
  }
  return `<code>${escapeHtml(id)}</code>`;
}

const refLink = (from: string, ref: string) =>
  ref.startsWith('A.')
    ? `<a href="${escapeHtml(relativeHref(from, controlPath(ref)))}">${escapeHtml(ref)}</a>`
    : CLAUSES.some((c) => c.id === ref && c.auditable)
      ? `<a href="${escapeHtml(relativeHref(from, clausePath(ref)))}">${escapeHtml(ref)}</a>`
      : escapeHtml(ref);

// ── Evidence rendering ───────────────────────────────────────────────────────

function evidenceTable(ctx: Context, from: string, items: readonly EvidenceItem[]): string {
  if (items.length === 0) return '<p class="muted">No evidence items.</p>';
  return htmlTable(
    ['Evidence', 'Source', 'Pinned version', 'Content hash (SHA-256)', 'Captured', 'Freshness', 'Tags'],
    items.map((e) => {
      const stale = staleEvidence(e, ctx.options.today);
      return [
        `<span id="${escapeHtml(e.id)}"><code>${escapeHtml(e.id)}</code></span><br>${escapeHtml(e.title)}`,
        `${escapeHtml(e.sourceTool)}: ${externalLink(e.url)}`,
        `<code>${escapeHtml(e.pinnedVersion)}</code>`,
        `<code>${escapeHtml(e.contentHash)}</code>`,
        escapeHtml(e.capturedAt),
        stale
          ? `<span class="bad">stale</span>`
          : e.freshForDays
            ? `fresh (${e.freshForDays} days)`
            : 'no expiry',
        [...e.clauses, ...e.controls].map((r) => refLink(from, r)).join(' ') +
          (e.systemIds.length ? `<br>${e.systemIds.map((s) => recordLink(ctx, from, s)).join(' ')}` : ''),
      ];
    }),
  );
}

function documentTable(from: string, docs: readonly DocumentedInformation[]): string {
  if (docs.length === 0) return '<p class="muted">No documented information.</p>';
  return htmlTable(
    ['Document', 'Type', 'Version', 'Approval', 'Location', 'Content hash', 'Clauses'],
    docs.map((d) => [
      `<code>${escapeHtml(d.id)}</code><br>${escapeHtml(d.title)}`,
      escapeHtml(d.docType),
      escapeHtml(d.version),
      `${escapeHtml(d.approval.state)}${d.approval.approvedBy ? ` by ${escapeHtml(d.approval.approvedBy)}` : ''}${d.approval.approvedAt ? ` (${escapeHtml(d.approval.approvedAt.slice(0, 10))})` : ''}`,
      d.location ? externalLink(d.location.url, d.location.label) : '—',
      d.contentHash ? `<code>${escapeHtml(d.contentHash)}</code>` : '<span class="muted">not captured</span>',
      d.clauses.map((c) => refLink(from, c)).join(' '),
    ]),
  );
}

function findingsTable(ctx: Context, from: string, findings: readonly AuditFinding[]): string {
  if (findings.length === 0) return '<p class="muted">No audit findings.</p>';
  return htmlTable(
    ['Finding', 'Grade', 'Requirement', 'System', 'Statement', 'Status', 'Corrective actions', 'Evidence'],
    findings.map((f) => [
      `<code>${escapeHtml(f.id)}</code>`,
      escapeHtml(GRADE_LABEL[f.grade]),
      refLink(from, f.ref),
      f.systemId ? recordLink(ctx, from, f.systemId) : '—',
      escapeHtml(f.statement),
      `<span class="pill ${f.status === 'closed' ? 'ok' : 'bad'}">${escapeHtml(f.status)}</span>`,
      ctx.snapshot['corrective-action']
        .filter((c) => c.findingId === f.id)
        .map(
          (c) =>
            `<code>${escapeHtml(c.id)}</code> ${escapeHtml(c.status)}, due ${escapeHtml(c.dueOn)}: ${escapeHtml(c.action)}`,
        )
        .join('<br>') || '—',
      f.evidenceIds.map((e) => recordLink(ctx, from, e)).join(' ') || '—',
    ]),
  );
}

function checksTable(ctx: Context, from: string, checks: readonly EvidenceCheck[]): string {
  if (checks.length === 0)
    return '<p class="muted">The standard names no specific documented information here.</p>';
  return htmlTable(
    ['Required', 'Form', 'State', 'Records', 'Issues'],
    checks.map((c) => [
      `${c.control ? `${refLink(from, c.control)}: ` : ''}${escapeHtml(c.what)}`,
      escapeHtml(c.form),
      state(c.state),
      c.recordIds.map((id) => recordLink(ctx, from, id)).join(' ') || '—',
      [
        ...c.issues.map((i) => `${state(i.state)} ${escapeHtml(i.detail)}`),
        ...(c.note ? [escapeHtml(c.note)] : []),
      ].join('<br>') || '—',
    ]),
  );
}

// ── Pages ────────────────────────────────────────────────────────────────────

function indexPage(ctx: Context): PackFile[] {
  const { snapshot, options } = ctx;
  const path = 'index.html';
  const r = computeReadiness(snapshot, options.today);
  const gaps = (list: typeof r.stage1.gaps) =>
    list.length === 0
      ? '<p class="ok">No gaps.</p>'
      : htmlTable(
          ['Clause', 'System', 'Gap', 'Next action'],
          list.map((g) => [
            refLink(path, g.clause),
            g.systemId ? recordLink(ctx, path, g.systemId) : '—',
            escapeHtml(g.what),
            escapeHtml(g.next),
          ]),
        );
  const bars = gapAssessment(snapshot, options.today).map((c) => ({
    label: `${c.clause} ${c.title}`,
    percent: clausePercent(c),
    href: CLAUSES.some((x) => x.id === c.clause && x.auditable) ? clausePath(c.clause) : undefined,
  }));
  const method = currentMethodology(snapshot);
  const inherent: HeatPoint[] = [];
  const residual: HeatPoint[] = [];
  for (const { system } of systemStatuses(snapshot, options.today)) {
    const ra = latestAssessment(snapshot, system.id, 'risk', options.today);
    for (const risk of ra?.risks ?? []) {
      const worst = Math.max(...Object.values(risk.consequences).map((v) => v ?? 0));
      inherent.push({ likelihood: risk.likelihood, consequence: worst, label: `${system.name} ${risk.id}` });
      const t = snapshot.treatment.find((x) => x.riskAssessmentId === ra?.id && x.riskId === risk.id);
      residual.push(
        t
          ? {
              likelihood: t.residual.likelihood,
              consequence: t.residual.impact,
              label: `${system.name} ${risk.id} (after ${t.id})`,
            }
          : {
              likelihood: risk.likelihood,
              consequence: worst,
              label: `${system.name} ${risk.id} (untreated)`,
            },
      );
    }
  }
  const verdict = options.registerChain;
  const chain = !verdict
    ? ''
    : verdict.ok
      ? `<p>Register event log: ${verdict.entries} events, hash chain head <code>${escapeHtml(verdict.head)}</code>.</p>`
      : `<p class="bad">Register does not verify (${verdict.problems.length} problem(s)): ${escapeHtml(verdict.problems[0]?.detail ?? '')}.</p>`;
  const title = `Certification readiness${options.organisation ? ` — ${options.organisation}` : ''}`;
  const body = `<h1>${escapeHtml(title)}</h1>
<p>As of ${escapeHtml(options.today)}; pack generated ${escapeHtml(options.generatedAt)}. Every file's SHA-256 is listed in <code>manifest.json</code>.</p>
${chain}
<h2>Stage 1 (documented AIMS): ${r.stage1.ready ? '<span class="ok">ready</span>' : '<span class="bad">not ready</span>'}</h2>
${gaps(r.stage1.gaps)}
<h2>Stage 2 (implemented and effective): ${r.stage2.ready ? '<span class="ok">ready</span>' : '<span class="bad">not ready</span>'}</h2>
${gaps(r.stage2.gaps)}
<h2>Roadmap</h2>
${htmlTable(
  ['Phase', 'Percent', 'Checks'],
  r.phases.map((p, i) => [
    `${i + 1}. ${escapeHtml(p.name)}`,
    `${p.percent}%`,
    p.checks
      .map(
        (c) =>
          `${c.score === 1 ? '✓' : c.score === 0 ? '✗' : `${Math.round(c.score * 100)}%`} ${escapeHtml(c.clause)} ${escapeHtml(c.label)}`,
      )
      .join('<br>'),
  ]),
)}
<h2>Readiness per clause</h2>
<p class="muted">Share of the documented information each clause requires that is present in the right form (gap assessment).</p>
${barsSvg(bars, { title: 'Documented information present, per clause' })}
<h2>Risk heat map</h2>
<p class="muted">Latest approved risk assessment of each in-scope system: inherent rating, and residual rating after treatment.</p>
<div>${heatMapSvg(inherent, { title: 'Inherent risk', bands: method?.bands })}
${heatMapSvg(residual, { title: 'Residual risk', bands: method?.bands })}</div>
<h2>Data files</h2>
<ul><li><a href="data/readiness.json">readiness.json</a></li><li><a href="data/soa.csv">soa.csv</a></li><li><a href="data/soa.json">soa.json</a></li><li><a href="data/calendar.ics">calendar.ics</a></li></ul>`;
  return [
    page(path, title, body),
    { path: 'data/readiness.json', content: JSON.stringify(readinessJson(r), null, 2) + '\n' },
  ];
}

function clauseRecordTable(records: readonly ClauseRecordRow[]): string {
  if (records.length === 0) return '<p class="muted">No register records for this clause.</p>';
  return htmlTable(
    ['Kind', 'Record', 'What', 'Status'],
    records.map((r) => [
      escapeHtml(r.kind),
      `<code>${escapeHtml(r.id)}</code>`,
      escapeHtml(r.label),
      escapeHtml(r.detail),
    ]),
  );
}

function clausePages(ctx: Context): PackFile[] {
  const { snapshot } = ctx;
  const auditable = CLAUSES.filter((c) => c.auditable);
  const list = 'clauses/index.html';
  const stateOf = (id: string) => {
    const mine = ctx.checks.filter((c) => !c.control && (c.clause === id || isUnder(id, c.clause)));
    if (mine.length === 0) return 'not-applicable';
    const order = ['missing', 'wrong-form', 'present', 'not-applicable'];
    return order.find((s) => mine.some((c) => c.state === s)) ?? 'present';
  };
  const index = page(
    list,
    'Clauses',
    `<h1>ISO/IEC 42001 clauses</h1>${htmlTable(
      ['Clause', 'Title', 'Documented information'],
      auditable.map((c) => [
        refLink(list, c.id),
        escapeHtml(c.title),
        stateOf(c.id) === 'not-applicable' ? '<span class="muted">none named</span>' : state(stateOf(c.id)),
      ]),
    )}`,
  );
  const pages = auditable.map((c) => {
    const path = clausePath(c.id);
    const checks = ctx.checks.filter((x) => x.clause === c.id || (isUnder(c.id, x.clause) && !x.control));
    const evidence = snapshot.evidence.filter((e) =>
      e.clauses.some((x) => isUnder(x, c.id) || isUnder(c.id, x)),
    );
    const docs = snapshot.document.filter((d) => d.clauses.some((x) => isUnder(x, c.id) || isUnder(c.id, x)));
    const findings = snapshot.finding.filter((f) => f.ref === c.id);
    return page(
      path,
      `${c.id} ${c.title}`,
      `<h1>${escapeHtml(c.id)} ${escapeHtml(c.title)}</h1>
<p>${escapeHtml(c.summary)}</p>
<h2>Gap assessment</h2>${checksTable(ctx, path, checks)}
<h2>Records</h2>${clauseRecordTable(recordsForClause(snapshot, c.id))}
<h2>Documented information</h2>${documentTable(path, docs)}
<h2>Evidence</h2>${evidenceTable(ctx, path, evidence)}
<h2>Audit findings</h2>${findingsTable(ctx, path, findings)}`,
    );
  });
  return [index, ...pages];
}

function controlPages(ctx: Context): PackFile[] {
  const { snapshot } = ctx;
  const list = 'controls/index.html';
  const applicability = (r: SoaRow) =>
    r.applicable === undefined ? 'undecided' : r.applicable ? 'included' : 'excluded';
  const index = page(
    list,
    'Statement of Applicability',
    `<h1>Statement of Applicability (6.1.3)</h1>
<p>${ctx.soa.length} Annex A controls. Justifications marked <em>draft</em> were generated from linked treatments and evidence. Also as <a href="../data/soa.csv">CSV</a> and <a href="../data/soa.json">JSON</a>.</p>
${htmlTable(
  ['Control', 'Title', 'Applicability', 'Status', 'Justification', 'Links', 'Approval', 'Gaps'],
  ctx.soa.map((r) => [
    refLink(list, r.controlId),
    escapeHtml(r.title),
    escapeHtml(applicability(r)),
    escapeHtml(r.status),
    `${escapeHtml(r.justification)}${r.justificationSource === 'draft' ? ' <span class="pill warn">draft</span>' : ''}`,
    `${r.treatmentIds.length} treatment(s), ${r.evidenceIds.length} evidence`,
    escapeHtml(r.approval),
    r.gaps.map((g) => `<span class="bad">${escapeHtml(g)}</span>`).join('<br>') || '—',
  ]),
)}`,
  );
  const pages = ctx.soa.map((r) => {
    const path = controlPath(r.controlId);
    const control = controlById(r.controlId)!;
    const evidence = snapshot.evidence.filter((e) => r.evidenceIds.includes(e.id));
    const checks = ctx.checks.filter((c) => c.control === r.controlId);
    return page(
      path,
      `${r.controlId} ${r.title}`,
      `<h1>${escapeHtml(r.controlId)} ${escapeHtml(r.title)}</h1>
<p>${escapeHtml(control.summary)}</p>
<p class="muted">Group ${escapeHtml(r.group)} ${escapeHtml(r.groupTitle)}. Evidence to look for: ${control.evidenceHints.map(escapeHtml).join('; ')}.</p>
<h2>Statement of Applicability</h2>
${htmlTable(
  ['Applicability', 'Status', 'Owner', 'Justification', 'Approval', 'Gaps'],
  [
    [
      escapeHtml(applicability(r)),
      escapeHtml(r.status),
      escapeHtml(r.owner ?? '—'),
      `${escapeHtml(r.justification || '—')} <span class="muted">(${escapeHtml(r.justificationSource)})</span>`,
      escapeHtml(r.approval),
      r.gaps.map(escapeHtml).join('<br>') || '—',
    ],
  ],
)}
<h2>Risks and treatments</h2>
${
  r.risks.length === 0
    ? '<p class="muted">No treatment names this control.</p>'
    : htmlTable(
        ['System', 'Risk', 'Treatment', 'Status', 'Plan'],
        r.risks.map((link) => {
          const t = snapshot.treatment.find((x) => x.id === link.treatmentId);
          return [
            recordLink(ctx, path, link.systemId),
            `<code>${escapeHtml(link.riskAssessmentId)}:${escapeHtml(link.riskId)}</code>`,
            `<code>${escapeHtml(link.treatmentId)}</code>`,
            escapeHtml(t?.status ?? '?'),
            escapeHtml(t?.plan ?? ''),
          ];
        }),
      )
}
${checks.length > 0 ? `<h2>Documented information this control requires</h2>${checksTable(ctx, path, checks)}` : ''}
<h2>Evidence</h2>${evidenceTable(ctx, path, evidence)}
<h2>Audit findings</h2>${findingsTable(
        ctx,
        path,
        snapshot.finding.filter((f) => f.ref === r.controlId),
      )}`,
    );
  });
  return [index, ...pages];
}

function systemPages(ctx: Context): PackFile[] {
  const { snapshot, options } = ctx;
  const statuses = new Map(systemStatuses(snapshot, options.today).map((s) => [s.system.id, s]));
  const list = 'systems/index.html';
  const all = [...snapshot['ai-system']].sort((a, b) => a.name.localeCompare(b.name));
  const index = page(
    list,
    'AI systems',
    `<h1>AI systems</h1>${htmlTable(
      ['System', 'In scope', 'Owner', 'Risk owner', 'Risk assessment', 'Impact assessment', 'Risk level'],
      all.map((s) => {
        const st = statuses.get(s.id);
        return [
          `<a href="${escapeHtml(relativeHref(list, systemPath(s.id)))}">${escapeHtml(s.name)}</a><br><code>${escapeHtml(s.id)}</code>`,
          s.inScope ? 'yes' : 'no',
          escapeHtml(s.owner ?? '—'),
          escapeHtml(s.riskOwner ?? '—'),
          st ? state(st.risk.state) : '—',
          st ? state(st.impact.state) : '—',
          escapeHtml(st?.riskLevel ?? '—'),
        ];
      }),
    )}`,
  );
  const pages = all.map((s) => {
    const path = systemPath(s.id);
    const st = statuses.get(s.id);
    const ra = latestAssessment(snapshot, s.id, 'risk', options.today);
    const ia = latestAssessment(snapshot, s.id, 'impact', options.today);
    const assessments = st
      ? htmlTable(
          ['Kind', 'State', 'Latest', 'Assessed', 'Due', 'Why'],
          [st.risk, st.impact].map((a) => [
            escapeHtml(a.kind),
            state(a.state),
            a.latestId ? `<code>${escapeHtml(a.latestId)}</code>` : '—',
            escapeHtml(a.assessedOn ?? '—'),
            escapeHtml(a.dueOn ?? '—'),
            escapeHtml(statusReason(snapshot, a)),
          ]),
        )
      : '<p class="muted">Not in scope: no assessment status.</p>';
    const risks = ra
      ? htmlTable(
          [
            'Risk',
            'Title',
            'Likelihood',
            'Consequences',
            'Score',
            'Level',
            'Treatment',
            'Residual',
            'Accepted by',
          ],
          ra.risks.map((risk) => {
            const t = snapshot.treatment.find((x) => x.riskAssessmentId === ra.id && x.riskId === risk.id);
            return [
              `<code>${escapeHtml(risk.id)}</code>`,
              escapeHtml(risk.title),
              String(risk.likelihood),
              escapeHtml(
                Object.entries(risk.consequences)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', '),
              ),
              String(risk.score),
              escapeHtml(risk.level),
              t
                ? `<code>${escapeHtml(t.id)}</code> ${escapeHtml(t.option)}, ${escapeHtml(t.status)}: ${t.annexAControls.map((c) => refLink(path, c)).join(' ')}`
                : '—',
              t ? escapeHtml(`${t.residual.likelihood}×${t.residual.impact} ${t.residual.level}`) : '—',
              escapeHtml(t?.residualAcceptance?.acceptedBy ?? '—'),
            ];
          }),
        )
      : '<p class="bad">No approved risk assessment.</p>';
    const impact = ia
      ? `<p><code>${escapeHtml(ia.id)}</code> assessed ${escapeHtml(ia.assessedOn)} by ${escapeHtml(ia.assessor)}; tier <strong>${escapeHtml(ia.thresholdTier)}</strong>; approved by ${escapeHtml(ia.approval.approvedBy ?? '?')}; next review ${escapeHtml(ia.nextReview)}.</p>${htmlTable(
          ['Impact', 'Affected', 'Nature', 'Likelihood', 'Severity', 'Measures'],
          ia.impacts.map((i) => [
            `<code>${escapeHtml(i.id)}</code> ${escapeHtml(i.description)}`,
            escapeHtml(i.affected),
            escapeHtml(i.nature),
            String(i.likelihood),
            String(i.severity),
            i.measures.map(escapeHtml).join('; ') || '—',
          ]),
        )}`
      : '<p class="bad">No approved impact assessment.</p>';
    const triggers = snapshot.trigger.filter((t) => t.systemId === s.id);
    return page(
      path,
      s.name,
      `<h1>${escapeHtml(s.name)}</h1>
<p>${escapeHtml(s.purpose)}</p>
<p><code>${escapeHtml(s.id)}</code> · ${escapeHtml(s.deploymentStatus)} · ${escapeHtml(s.lifecycleStage)} · ${s.inScope ? 'in scope' : 'not in scope'} · owner ${escapeHtml(s.owner ?? '—')} · risk owner ${escapeHtml(s.riskOwner ?? '—')}</p>
<p>Sources: ${s.sources.map((src) => externalLink(src.url, src.label)).join(', ') || '—'}</p>
<h2>Components</h2>
${htmlTable(
  ['Kind', 'Id', 'Detail'],
  s.components.map((c) => [
    escapeHtml(c.kind),
    `<code>${escapeHtml(c.id)}</code>`,
    escapeHtml(
      c.kind === 'model'
        ? `${c.provider ?? '?'}, pinning ${c.pinning}`
        : c.kind === 'dataset'
          ? (c.sensitivity ?? '')
          : '',
    ),
  ]),
)}
<h2>Assessments (8.2, 8.4)</h2>${assessments}
<h2>Risks and treatments</h2>${risks}
<h2>Impact assessment</h2>${impact}
<h2>Reassessment triggers</h2>${
        triggers.length === 0
          ? '<p class="muted">None.</p>'
          : htmlTable(
              ['Trigger', 'Type', 'Change', 'Raised', 'Status', 'Source'],
              triggers.map((t) => [
                `<code>${escapeHtml(t.id)}</code>`,
                escapeHtml(t.type),
                escapeHtml(`${t.before ?? ''} → ${t.after ?? ''}`),
                escapeHtml(t.raisedOn),
                escapeHtml(t.status),
                escapeHtml(`${t.source.tool} ${t.source.ref}`),
              ]),
            )
      }
<h2>Audit findings</h2>${findingsTable(
        ctx,
        path,
        snapshot.finding.filter((f) => f.systemId === s.id),
      )}
<h2>Evidence</h2>${evidenceTable(
        ctx,
        path,
        snapshot.evidence.filter((e) => e.systemIds.includes(s.id)),
      )}`,
    );
  });
  return [index, ...pages];
}

function evidencePage(ctx: Context): PackFile {
  const path = 'evidence/index.html';
  return page(
    path,
    'Evidence',
    `<h1>Evidence</h1>
<p>Each item links to its source (opened only if you click it), names the exact version captured and the SHA-256 of the captured content, so it can be re-resolved and compared.</p>
${evidenceTable(ctx, path, ctx.snapshot.evidence)}
<h2>Documented information</h2>${documentTable(path, ctx.snapshot.document)}`,
  );
}

function auditsPage(ctx: Context): PackFile {
  const { snapshot, options } = ctx;
  const path = 'audits.html';
  const cadence = reviewCadence(snapshot, options.today);
  const inputs = recordedInputs(compileReviewInputs(snapshot, options.today));
  const list = (lines: readonly string[]) =>
    lines.length
      ? `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
      : '<p class="muted">None.</p>';
  return page(
    path,
    'Audits and management reviews',
    `<h1>Internal audits (9.2) and management reviews (9.3)</h1>
<h2>Audit programmes</h2>${htmlTable(
      ['Programme', 'Frequency', 'Methods', 'Responsible', 'Criteria'],
      snapshot['audit-programme'].map((p) => [
        `<code>${escapeHtml(p.id)}</code> ${escapeHtml(p.title)}`,
        `${p.frequencyMonths} months`,
        escapeHtml(p.methods.join(', ')),
        escapeHtml(p.responsible),
        escapeHtml(p.criteria.join('; ')),
      ]),
    )}
<h2>Audits</h2>${htmlTable(
      ['Audit', 'Status', 'Planned', 'Completed', 'Auditors', 'Scope', 'Checklist'],
      snapshot.audit.map((a) => [
        `<code>${escapeHtml(a.id)}</code> ${escapeHtml(a.title)}`,
        escapeHtml(a.status),
        escapeHtml(a.plannedOn),
        escapeHtml(a.completedOn ?? '—'),
        escapeHtml(a.auditors.join(', ')),
        [...a.scope.clauses, ...a.scope.controls].map((r) => refLink(path, r)).join(' ') +
          (a.scope.systemIds.length
            ? `<br>${a.scope.systemIds.map((s) => recordLink(ctx, path, s)).join(' ')}`
            : ''),
        a.checklist.map((c) => `${escapeHtml(c.result)}: ${escapeHtml(c.question)}`).join('<br>'),
      ]),
    )}
<h2>Findings</h2>${findingsTable(ctx, path, snapshot.finding)}
<h2>Management reviews</h2>
<p>Cadence: ${escapeHtml(cadence.state)}${cadence.nextDueOn ? `, next due ${escapeHtml(cadence.nextDueOn)}` : ''}.</p>
${htmlTable(
  ['Review', 'Held', 'Chair', 'Attendees', 'Decisions', 'Next'],
  snapshot['management-review'].map((r) => [
    `<code>${escapeHtml(r.id)}</code>`,
    escapeHtml(r.heldOn),
    escapeHtml(r.chair),
    escapeHtml(r.attendees.join(', ')),
    r.decisions
      .map(
        (d) =>
          `${escapeHtml(d.id)} (${escapeHtml(d.topic)}, ${escapeHtml(d.status)}): ${escapeHtml(d.decision)}`,
      )
      .join('<br>'),
    escapeHtml(r.nextReviewOn),
  ]),
)}
<h2>Inputs for the next review, compiled ${escapeHtml(options.today)} (9.3.2)</h2>
<h3>Status of actions from previous reviews</h3>${list(inputs.previousActions)}
<h3>Changes in context</h3>${list(inputs.contextChanges)}
<h3>Performance</h3>${list(inputs.performance)}
<h3>Audit results</h3>${list(inputs.auditResults)}
<h3>Opportunities for improvement</h3>${list(inputs.opportunities)}`,
  );
}

function rmfPage(ctx: Context): PackFile {
  const path = 'rmf.html';
  const coverage = rmfCoverage(ctx.snapshot, ctx.options.today);
  return page(
    path,
    'NIST AI RMF coverage',
    `<h1>NIST AI RMF coverage through the crosswalk</h1>
<p>A category is <em>covered</em> when every ISO/IEC 42001 clause or control its crosswalk edges reach is evidenced, <em>partial</em> when some are. Each edge shows where it comes from: edges from the NIST crosswalk were built on the FDIS and are indicative only.</p>
${htmlTable(
  ['Category', 'Coverage', 'Edges (from → 42001, relationship, provenance, evidenced)'],
  coverage.map((c) => [
    `<strong>${escapeHtml(c.id)}</strong> ${escapeHtml(c.title)}`,
    state(c.coverage),
    c.edges
      .map(
        (e) =>
          `${escapeHtml(e.from)} → ${refLink(path, e.to.id)} ${escapeHtml(e.title)} <span class="muted">(${escapeHtml(e.relationship)}, ${escapeHtml(e.provenance)}${e.note ? `; ${escapeHtml(e.note)}` : ''}${e.noRequirement ? '; not counted as coverage' : ''})</span> ${e.evidenced ? '<span class="ok">evidenced</span>' : '<span class="bad">not evidenced</span>'}`,
      )
      .join('<br>'),
  ]),
)}`,
  );
}

function calendarFiles(ctx: Context): PackFile[] {
  const path = 'calendar.html';
  const cal = operatingCalendar(ctx.snapshot, ctx.options.today);
  return [
    page(
      path,
      'Operating calendar',
      `<h1>Operating calendar</h1>
<p>${escapeHtml(cal.milestones.basis)}. Also as <a href="data/calendar.ics">iCalendar</a>.</p>
${htmlTable(
  ['Date', 'What', 'Clause', 'Detail'],
  cal.events.map((e) => [
    escapeHtml(e.date),
    `${escapeHtml(e.summary)}${e.projected && !e.summary.startsWith('Proposed') ? ' <span class="muted">(projected)</span>' : ''}`,
    refLink(path, e.clause),
    escapeHtml(e.description).replaceAll('\n', '<br>'),
  ]),
)}`,
    ),
    { path: 'data/calendar.ics', content: toICalendar(cal.events, { generatedAt: ctx.options.generatedAt }) },
  ];
}

/** Every file of the pack except the manifest, which the writer adds. */
export function buildEvidencePack(snapshot: FullSnapshot, options: PackOptions): PackFile[] {
  const ctx: Context = {
    snapshot,
    options,
    checks: evidenceChecks(snapshot, options.today),
    soa: buildSoa(snapshot),
    systems: new Map(snapshot['ai-system'].map((s) => [s.id, s])),
  };
  const meta = {
    ...(options.organisation ? { organisation: options.organisation } : {}),
    generatedOn: options.today,
  };
  return [
    ...indexPage(ctx),
    ...clausePages(ctx),
    ...controlPages(ctx),
    ...systemPages(ctx),
    evidencePage(ctx),
    auditsPage(ctx),
    rmfPage(ctx),
    ...calendarFiles(ctx),
    { path: 'data/soa.csv', content: soaToCsv(ctx.soa) },
    { path: 'data/soa.json', content: soaToJson(ctx.soa, meta) },
  ];
}
