// Test helper: reads a corpus repository the way the filesystem scanner does.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  assembleReport,
  decodeText,
  detectFile,
  isCandidatePath,
  wantsHeadOnly,
  type FileAnalysis,
  type ScanReport,
  type SourceFile,
} from '../../../shared/discovery';

export const CORPUS = join(__dirname, '..', '..', 'fixtures', 'corpus');

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function readSource(root: string, full: string): SourceFile {
  const path = relative(root, full).split(sep).join('/');
  const bytes = new Uint8Array(readFileSync(full));
  if (wantsHeadOnly(path)) {
    return {
      path,
      head: bytes.subarray(0, 64 * 1024),
      size: bytes.length,
      contentHash: createHash('sha256').update(bytes).digest('hex'),
    };
  }
  const decoded = decodeText(bytes);
  return 'text' in decoded
    ? { path, text: decoded.text, size: bytes.length }
    : { path, head: bytes.subarray(0, 64 * 1024), size: bytes.length };
}

export function scanRepo(root: string): ScanReport {
  const files: string[] = [];
  walk(root, files);
  const analyses: Array<{ path: string; analysis: FileAnalysis }> = [];
  let scanned = 0;
  for (const full of files) {
    const path = relative(root, full).split(sep).join('/');
    if (path === 'expected.json' || !isCandidatePath(path)) continue;
    scanned++;
    analyses.push({ path, analysis: detectFile(readSource(root, full)) });
  }
  return assembleReport(root, analyses, scanned, []);
}

export function corpusRepos(): string[] {
  return readdirSync(CORPUS)
    .filter((name) => statSync(join(CORPUS, name)).isDirectory())
    .sort();
}
