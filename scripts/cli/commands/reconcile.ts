// `aims reconcile --workspace ws`: one inventory from code scans, Jira and the register (clause 4.3, A.4.2).
// Candidates from each source go through the core's identity rule, then by repository links and names;
// the output lists systems discovered but not registered, registered but not discovered, and attributes
// the sources and the register disagree on, each with its evidence.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  readTicketsOrDefault,
  systemCandidateOf,
  type TicketCandidate,
} from '../../../connectors/jira/discover';
import { describeTarget } from '../../../connectors/local/git';
import { scanDirectory } from '../../../connectors/local/scan';
import { candidatesFromReport } from '../../../shared/inventory';
import {
  reconcileInventory,
  type AttributeConflict,
  type ReconcileCandidate,
  type ReconcileEntry,
  type ReconcileReport,
} from '../../../shared/inventory/reconcile';
import { stringOption, UserError, type Command, type CommandArgs, type CommandIO } from '../command';
import { heading } from '../format/table';
import { CREDENTIAL_HELP, SITE_OPTIONS, connect, jiraCall, printable } from '../jira/connect';
import { SERVICE_EXIT_HELP } from '../service-exit';
import { WORKSPACE_OPTION, workspaceSnapshot } from './evaluation-options';

async function codeCandidates(dirs: readonly string[], io: CommandIO): Promise<ReconcileCandidate[]> {
  const out: ReconcileCandidate[] = [];
  for (const folder of dirs) {
    const dir = resolve(io.cwd, folder);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw new UserError(`--scan ${folder}: not a folder`);
    io.err(`reconcile: scanning ${folder}`);
    const report = await scanDirectory(dir, { target: folder });
    const target = await describeTarget(dir);
    const candidates = candidatesFromReport(report.systems, target.source, target.prefix);
    candidates.forEach((candidate, i) => {
      const system = report.systems[i];
      out.push({
        origin: 'code',
        candidate,
        evidence: (system?.evidence ?? []).slice(0, 20).map((e) => ({
          origin: 'code' as const,
          ref: `${e.path}:${e.line}`,
          url: target.fileUrl(e.path),
          detail: `${e.detector}: ${e.snippet}`,
        })),
      });
    });
  }
  return out;
}

function ticketCandidate(c: TicketCandidate): ReconcileCandidate {
  return {
    origin: 'jira',
    candidate: systemCandidateOf(c),
    repositories: c.repositories,
    evidence: c.evidence.map((e) => ({
      origin: 'jira' as const,
      ref: `${e.issueKey} changelog ${e.changelogId}`,
      url: e.url,
      detail:
        e.findings.length > 0
          ? e.findings
              .map((f) => `${f.at} ${f.snippet}`)
              .join(' | ')
              .slice(0, 300)
          : `${c.name} (${c.issueType}, ${c.status.name})`,
    })),
  };
}

const listOf = (values: readonly string[]) => values.join(', ') || '—';

function entryLines(entry: ReconcileEntry): string[] {
  const state = entry.inventoryState ? `, ${entry.inventoryState}` : '';
  const from = entry.origins.length
    ? ` — found in ${entry.origins.join(' + ')}${entry.matchedBy !== 'identity' && entry.matchedBy !== 'none' ? ` (matched by ${entry.matchedBy})` : ''}`
    : '';
  return [
    printable(`  ${entry.id}  ${entry.name}${state}${from}`),
    ...entry.evidence
      .slice(0, 6)
      .map((e) =>
        printable(`      ${e.origin}: ${e.ref}${e.url ? ` <${e.url}>` : ''} — ${e.detail}`).slice(0, 240),
      ),
  ];
}

function conflictLines(c: AttributeConflict): string[] {
  const sides = Object.entries(c.values).map(([side, values]) => `${side}: ${listOf(values ?? [])}`);
  return [
    printable(`  ${c.id}  ${c.name} — ${c.attribute}: ${sides.join(' ≠ ')}`),
    ...c.evidence
      .slice(0, 6)
      .map((e) =>
        printable(`      ${e.origin}: ${e.ref}${e.url ? ` <${e.url}>` : ''} — ${e.detail}`).slice(0, 240),
      ),
  ];
}

export function reconcileText(report: ReconcileReport): string[] {
  const section = (title: string, lines: string[]) => [
    ...heading(title),
    ...(lines.length ? lines : ['  none']),
  ];
  return [
    ...section(
      `Discovered but not registered (${report.discoveredUnregistered.length})`,
      report.discoveredUnregistered.flatMap(entryLines),
    ),
    ...section(
      `Registered but not discovered (${report.registeredUndiscovered.length})`,
      report.registeredUndiscovered.flatMap(entryLines),
    ),
    ...section(
      `Conflicting attributes (${report.conflicts.length})`,
      report.conflicts.flatMap(conflictLines),
    ),
  ];
}

function scanDirs(args: CommandArgs): string[] {
  const value = args.values.scan;
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary:
    'One inventory from code scans, Jira and the register: unregistered, undiscovered and conflicting systems',
  usage:
    'aims reconcile --workspace <dir> [--scan <dir>]... [--url <jira site> [--jql <jql>]] [--format table|json]',
  details: [
    '  --scan       a folder or git work tree to scan for AI systems (repeatable)',
    '  --url        a Jira site: tickets the JQL selects are candidates too (credentials as for aims jira)',
    '  --jql        which tickets (default: the aims jira discover default)',
    'Systems recorded from SharePoint (aims sharepoint sync) take part as register systems with their links.',
    'Matching: the inventory identity rule first (same source link, else the same id), then repository',
    'links a ticket names, then names. The register is not changed.',
    '',
    ...CREDENTIAL_HELP,
    'Exit codes: 0 reconciled (whatever it found); 1 Jira refused (403, 404, a rejected JQL); 2 usage error;',
    ...SERVICE_EXIT_HELP,
  ],
  options: {
    ...WORKSPACE_OPTION,
    ...SITE_OPTIONS,
    scan: { type: 'string', multiple: true },
    jql: { type: 'string' },
    format: { type: 'string', short: 'f' },
  },
  async run(args, io) {
    const format = stringOption(args, 'format') ?? 'table';
    if (format !== 'table' && format !== 'json')
      throw new UserError(`--format must be table or json (got '${format}')`);
    const { snapshot } = await workspaceSnapshot(args, io);
    const candidates = await codeCandidates(scanDirs(args), io);
    if (stringOption(args, 'url') !== undefined) {
      const api = await connect(args, io);
      const { candidates: tickets } = await jiraCall(() =>
        readTicketsOrDefault(api, {
          jql: stringOption(args, 'jql'),
          log: (l) => io.err(printable(l)),
        }),
      );
      candidates.push(...tickets.map(ticketCandidate));
    }
    const report = reconcileInventory(candidates, snapshot['ai-system']);
    if (format === 'json') io.out(JSON.stringify(report, null, 2));
    else reconcileText(report).forEach((line) => io.out(line));
    return 0;
  },
};
