// `aims scan` for people: one block per system, with the evidence behind each model.
import type { DiscoveredSystem, Evidence, ScanReport } from '../../../shared/discovery';

const TOP_EVIDENCE = 5;
const MAX_WARNINGS = 20;
const RANK = { high: 0, medium: 1, low: 2 } as const;

/** The strongest evidence, but first one line per model, so every model shows where it came from. */
function topEvidence(system: DiscoveredSystem): Evidence[] {
  const ranked = [...system.evidence].sort(
    (a, b) =>
      RANK[a.confidence] - RANK[b.confidence] ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line),
  );
  const picked = new Set<Evidence>();
  for (const model of system.models) {
    const hit = ranked.find((e) => e.snippet.includes(model.id) || e.path === model.id);
    if (hit) picked.add(hit);
  }
  for (const e of ranked) {
    if (picked.size >= Math.max(TOP_EVIDENCE, system.models.length)) break;
    picked.add(e);
  }
  return ranked.filter((e) => picked.has(e));
}

function systemBlock(system: DiscoveredSystem): string[] {
  const lines = [
    `${system.name}  [${system.id}]`,
    `  root:      ${system.root}`,
    `  purpose:   ${system.purpose}`,
  ];
  lines.push(`  providers: ${system.providers.join(', ') || '(none)'}`);
  if (system.models.length === 0) lines.push('  models:    (none found)');
  else {
    lines.push('  models:');
    const width = Math.max(...system.models.map((m) => m.id.length));
    const providerWidth = Math.max(...system.models.map((m) => (m.provider ?? '-').length));
    for (const m of system.models) {
      const hash = m.contentHash ? `  sha256 ${m.contentHash.replace(/^sha256:/, '').slice(0, 12)}` : '';
      lines.push(
        `    ${m.id.padEnd(width)}  ${(m.provider ?? '-').padEnd(providerWidth)}  ${m.pinning.padEnd(16)} ${m.resolvedFrom}${hash}`,
      );
    }
  }
  if (system.datasets.length > 0) lines.push(`  datasets:  ${system.datasets.join(', ')}`);
  const top = topEvidence(system);
  lines.push(`  evidence (${top.length} of ${system.evidence.length}):`);
  for (const e of top)
    lines.push(`    ${e.path}:${e.line}  ${e.confidence.padEnd(6)} ${e.detector}  ${e.snippet}`);
  return lines;
}

/**
 * A line break inside a printed value: a name from a manifest (`"name": "bot\\n…"`), a folder name, a
 * purpose. Each line of the report is one line: a break in the data would start a line the data wrote.
 */
const LINE_BREAK = /\r?\n|[\u2028\u2029]/g;

export function scanTable(report: ScanReport): string[] {
  const lines: string[] = [];
  const count = report.systems.length;
  lines.push(
    `Scanned ${report.scannedFiles} files in ${report.target}: ${count} AI system${count === 1 ? '' : 's'} found`,
  );
  const coverage = report.coverage;
  if (coverage) {
    const skipped = Object.entries(coverage.skipped)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    lines.push(
      `Read ${coverage.read} files; skipped: ${skipped || 'none'}; unreadable: ${coverage.unreadable}`,
    );
    if (coverage.unknownFolders.length > 0)
      lines.push(
        `Unknown (could not be read, not clean): ${coverage.unknownFolders.slice(0, 10).join(', ')}${coverage.unknownFolders.length > 10 ? ', …' : ''}`,
      );
  }
  for (const system of report.systems) lines.push('', ...systemBlock(system));
  if (report.warnings.length > 0) {
    lines.push('', `Warnings (${report.warnings.length}):`);
    for (const w of report.warnings.slice(0, MAX_WARNINGS)) lines.push(`  ${w}`);
    if (report.warnings.length > MAX_WARNINGS) {
      lines.push(`  … ${report.warnings.length - MAX_WARNINGS} more (see --format json)`);
    }
  }
  for (let i = 0; i < lines.length; i++) {
    LINE_BREAK.lastIndex = 0;
    if (LINE_BREAK.test(lines[i]!)) lines[i] = lines[i]!.replace(LINE_BREAK, ' ');
  }
  return lines;
}
