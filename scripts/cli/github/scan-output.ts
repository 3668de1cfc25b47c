// `aims github scan` output: a table for people, or one JSON document whose per-repository reports
// have the `aims scan --format json` shape plus a permalink on every evidence item.
import type { OwnerScanResult, RequestStats } from '../../../connectors/github';
import { permalink, TRANSIENT_KINDS } from '../../../connectors/github';
import { scanJson, type ScanJson } from '../format/scan-json';

export interface GithubScanJson {
  repositories: {
    repository: string;
    status: string;
    reason: string | null;
    /** Why it was skipped, as a kind ('network', 'server', 'rate-limited' are worth a rerun). */
    kind: string | null;
    commit: string | null;
    report:
      | (Omit<ScanJson, 'systems'> & {
          systems: (ScanJson['systems'][number] & {
            evidence: (ScanJson['systems'][number]['evidence'][number] & { url: string | null })[];
          })[];
        })
      | null;
  }[];
  stats: RequestStats;
  stoppedEarly: string | null;
}

export function githubScanJson(result: OwnerScanResult, webUrl: string): GithubScanJson {
  return {
    repositories: result.repositories.map((r) => {
      const commit = r.state?.commit ?? null;
      const base = r.state ? scanJson(r.state.report) : null;
      const report = base
        ? {
            ...base,
            systems: base.systems.map((s) => ({
              ...s,
              evidence: s.evidence.map((e) => ({
                ...e,
                url: commit ? permalink(webUrl, r.fullName, commit, e.path, e.line) : null,
              })),
            })),
          }
        : null;
      return {
        repository: r.fullName,
        status: r.status,
        reason: r.reason ?? null,
        kind: r.kind ?? null,
        commit,
        report,
      };
    }),
    stats: result.stats,
    stoppedEarly: result.stoppedEarly ?? null,
  };
}

export function statsLine(stats: RequestStats): string {
  const remaining = stats.rateLimitRemaining === undefined ? 'unknown' : String(stats.rateLimitRemaining);
  return `GitHub: ${stats.requests} request(s), ${stats.notModified} answered 304 (not counted by GitHub), rate limit remaining ${remaining}`;
}

export function githubScanTable(result: OwnerScanResult): string[] {
  const lines: string[] = [];
  for (const r of result.repositories) {
    const systems = r.state?.report.systems ?? [];
    const at = r.state?.commit ? ` @ ${r.state.commit.slice(0, 12)}` : '';
    if (r.status === 'skipped' || r.status === 'excluded') {
      lines.push(`${r.fullName}  ${r.status}: ${r.reason ?? ''}`);
      continue;
    }
    lines.push(`${r.fullName}  ${r.status}${at}  ${systems.length} AI system(s)`);
    for (const s of systems) {
      const models = s.models.map((m) => m.id).join(', ') || '—';
      lines.push(`  ${s.name} (${s.root})  providers: ${s.providers.join(', ') || '—'}  models: ${models}`);
    }
  }
  const count = (status: string) => result.repositories.filter((r) => r.status === status).length;
  lines.push(
    '',
    `${count('scanned')} scanned, ${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('excluded')} left out`,
  );
  if (result.stoppedEarly)
    lines.push(`Stopped early (${result.stoppedEarly}): run the same command again to resume.`);
  const passing = result.repositories.filter(
    (r) => r.status === 'skipped' && r.kind !== undefined && TRANSIENT_KINDS.has(r.kind),
  ).length;
  if (passing > 0)
    lines.push(
      `${passing} repositor${passing === 1 ? 'y' : 'ies'} skipped for a passing reason (network, server, rate limit): run the same command again to retry.`,
    );
  return lines;
}
