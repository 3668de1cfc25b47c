// Jupyter notebooks: only code cells count (markdown cells are prose). Cell lines are mapped back
// to lines of the .ipynb file so that evidence points at the right place.
import { analyseCode } from './code';
import { python } from './code/languages';
import { stripComments } from './comments';
import { analyseDownloads } from './downloads';
import { LineIndex } from './text';
import { emptyAnalysis, type FileAnalysis } from './types';

interface Cell {
  cell_type?: unknown;
  source?: unknown;
}

export function analyseNotebook(
  path: string,
  text: string,
  rawLines: readonly string[],
  analysis: FileAnalysis,
): void {
  let cells: Cell[];
  try {
    const doc = JSON.parse(text) as { cells?: unknown };
    cells = Array.isArray(doc.cells) ? (doc.cells as Cell[]) : [];
  } catch {
    analysis.warnings = [...(analysis.warnings ?? []), `${path}: notebook is not valid JSON`];
    return;
  }
  const code: string[] = [];
  const shell: string[] = [];
  const lineMap: number[] = [];
  let cursor = 0;
  for (const cell of cells) {
    if (cell.cell_type !== 'code') continue;
    const source = Array.isArray(cell.source)
      ? cell.source.filter((s): s is string => typeof s === 'string').join('')
      : typeof cell.source === 'string'
        ? cell.source
        : '';
    for (const line of source.split('\n')) {
      // Find the raw line holding this source line: JSON-encoded, searched forward, bounded.
      const encoded = JSON.stringify(line).slice(1, -1);
      let found = -1;
      if (encoded.length > 0) {
        for (let i = cursor; i < Math.min(rawLines.length, cursor + 400); i++) {
          if ((rawLines[i] ?? '').includes(encoded)) {
            found = i;
            break;
          }
        }
      }
      if (found !== -1) cursor = found;
      lineMap.push(cursor + 1);
      const trimmed = line.trimStart();
      const isShell = trimmed.startsWith('!') || trimmed.startsWith('%');
      code.push(isShell ? '' : line);
      shell.push(isShell ? trimmed.replace(/^[!%]+(?:pip\b)?/, (m) => (m.includes('pip') ? 'pip' : '')) : '');
    }
  }
  const inner = emptyAnalysis();
  analyseCode(path, code.join('\n'), inner, python);
  const shellText = shell.join('\n');
  analyseDownloads(path, stripComments(shellText, 'hash'), inner, 'notebook', new LineIndex(shellText));
  const remap = (line: number): number => lineMap[line - 1] ?? line;
  for (const f of [
    ...inner.findings,
    ...(inner.defaultRequests ?? []).map((r) => r.finding),
    ...(inner.constants ?? []).map((c) => c.finding),
  ]) {
    f.evidence.line = remap(f.evidence.line);
  }
  analysis.findings.push(...inner.findings);
  if (inner.defaultRequests)
    analysis.defaultRequests = [...(analysis.defaultRequests ?? []), ...inner.defaultRequests];
  if (inner.utilityImports) analysis.utilityImports = inner.utilityImports;
  if (inner.constants) analysis.constants = [...(analysis.constants ?? []), ...inner.constants];
  if (inner.constantRefs) analysis.constantRefs = [...(analysis.constantRefs ?? []), ...inner.constantRefs];
  if (inner.dependencies) analysis.dependencies = [...(analysis.dependencies ?? []), ...inner.dependencies];
  if (inner.purposeHints) analysis.purposeHints = inner.purposeHints;
  if (inner.mlContext) analysis.mlContext = true;
  analysis.entryPoint = {
    kind: 'notebook',
    root: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.',
  };
}
