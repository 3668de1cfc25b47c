// `aims jira discover`: candidates from tickets, printed, and with --workspace merged into the inventory
// page by page through the core's one identity and apply step (syncDiscovery).
import { resolve } from 'node:path';
import { syncDiscovery } from '../../../connectors/contract';
import type { JiraApi } from '../../../connectors/jira/client';
import {
  candidateIdOf,
  readTicketsOrDefault,
  ticketBatch,
  type TicketCandidate,
} from '../../../connectors/jira/discover';
import { openWorkspace } from '../../../connectors/local/workspace';
import { stringOption, UserError, type CommandArgs, type CommandIO } from '../command';
import { renderTable } from '../format/table';
import { printable } from './connect';

export function candidateJson(c: TicketCandidate) {
  return {
    id: candidateIdOf(c),
    key: c.source.key,
    url: c.source.url,
    name: c.name,
    purpose: c.purpose ?? null,
    issueType: c.issueType,
    status: c.status.name,
    labels: c.labels,
    components: c.components,
    linkedSystemId: c.linkedSystemId ?? null,
    providers: c.providers,
    models: c.models.map((m) => ({ id: m.id, provider: m.provider ?? null, pinning: m.pinning })),
    repositories: c.repositories,
    evidence: c.evidence,
  };
}

export function candidateTable(candidates: readonly TicketCandidate[]): string[] {
  return renderTable(
    ['Issue', 'Candidate', 'Name', 'Providers', 'Models', 'Tickets read'],
    candidates.map((c) => [
      c.source.key,
      candidateIdOf(c),
      printable(c.name).slice(0, 60),
      c.providers.join(', ') || '—',
      c.models.map((m) => m.id).join(', ') || '—',
      c.evidence.map((e) => `${e.issueKey}@${e.changelogId}`).join(', '),
    ]),
  );
}

export async function discoverTickets(
  args: CommandArgs,
  io: CommandIO,
  api: JiraApi,
  jql: string | undefined,
): Promise<number> {
  const format = stringOption(args, 'format') ?? 'table';
  if (format !== 'table' && format !== 'json')
    throw new UserError(`--format must be table or json (got '${format}')`);
  const workspace = stringOption(args, 'workspace');
  const register = workspace
    ? await openWorkspace(resolve(io.cwd, workspace), { clock: () => io.now().toISOString() })
    : undefined;
  const now = io.now();
  const totals = { added: new Set<string>(), updated: new Set<string>(), evidence: new Set<string>() };
  const {
    candidates,
    jql: used,
    skipped,
  } = await readTicketsOrDefault(api, {
    jql,
    log: (line) => io.err(printable(line)),
    onPage: register
      ? async (touched, _readings, page) => {
          const result = await syncDiscovery(register, ticketBatch(touched, api.siteUrl, now.toISOString()), {
            actor: 'aims-jira',
            cause: `aims jira discover ${api.siteUrl} page ${page}`,
            now,
          });
          result.plan.added.forEach((id) => totals.added.add(id));
          result.plan.updated.forEach((id) => totals.updated.add(id));
          result.evidence.forEach((id) => totals.evidence.add(id));
        }
      : undefined,
  });
  if (format === 'json')
    io.out(
      JSON.stringify(
        { site: api.siteUrl, jql: used, candidates: candidates.map(candidateJson), skipped },
        null,
        2,
      ),
    );
  else candidateTable(candidates).forEach((line) => io.out(line));
  if (skipped.length > 0) {
    io.err(`jira: ${skipped.length} malformed ticket(s) skipped: ${skipped.map((t) => t.key).join(', ')}`);
  }
  if (register) {
    const say = format === 'table' ? io.out : io.err;
    say(
      `Workspace: ${totals.added.size} new (awaiting review), ${totals.updated.size} updated, ${totals.evidence.size} evidence item(s) recorded`,
    );
  }
  // Partial: the rest was read and recorded; the skipped tickets are listed above.
  return skipped.length > 0 ? 3 : 0;
}
