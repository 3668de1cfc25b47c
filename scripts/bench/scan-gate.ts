// Benchmark: the code detector's keyword gate on the bytes (word-gate.ts) against what it replaced,
// UTF-8 decoding plus the case-insensitive prefix-tree regex, over the source files of the scan
// benchmark's synthetic tree, in one process, alternating rounds. Prints CPU time per pass over all the
// files and the ratio. Run: node --import tsx scripts/bench/scan-gate.ts [--files N] [--rounds N]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CODE_EXTENSIONS, SIGNAL_WORDS, mayUseAiBytes } from '../../shared/discovery/code';
import { extname } from '../../shared/discovery/paths';
import { SKIPPED_DIRS } from '../../shared/discovery/skipped-dirs';
import { median } from './measure';
import { ensureSyntheticTree } from './synthetic-tree';

const { values } = parseArgs({ options: { files: { type: 'string' }, rounds: { type: 'string' } } });
const fileCount = Number(values.files ?? 20_000);
const rounds = Number(values.rounds ?? 5);
const tree = join(resolve(import.meta.dirname, '../..'), '.bench', `tree-${fileCount}`);
ensureSyntheticTree(tree, fileCount);

const code = new Set(CODE_EXTENSIONS);
const files: Uint8Array[] = [];
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path);
    } else if (code.has(extname(entry.name))) files.push(new Uint8Array(readFileSync(path)));
  }
};
walk(tree);
const bytes = files.reduce((n, f) => n + f.length, 0);

// The gate as it ran before: every file decoded, then one regex over the text.
const escape = (word: string): string => word.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const regex = new RegExp(SIGNAL_WORDS.map(escape).join('|'), 'i');
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const gates: Record<string, (b: Uint8Array) => boolean> = {
  'decode + regex': (b) => regex.test(decoder.decode(b)),
  'byte gate': mayUseAiBytes,
};

const cpu: Record<string, number[]> = { 'decode + regex': [], 'byte gate': [] };
const passed: Record<string, number> = {};
for (let round = 0; round <= rounds; round++) {
  for (const [name, gate] of Object.entries(gates)) {
    const start = process.cpuUsage();
    let count = 0;
    for (const file of files) if (gate(file)) count++;
    const used = process.cpuUsage(start);
    passed[name] = count;
    // Round 0 warms both up (JIT, caches).
    if (round > 0) cpu[name]?.push((used.user + used.system) / 1000);
  }
}

console.log(`${files.length} source files, ${(bytes / 1e6).toFixed(1)} MB; ${rounds} rounds after a warm-up`);
for (const name of Object.keys(gates)) {
  console.log(
    `${name.padEnd(15)} CPU ${median(cpu[name] ?? [])
      .toFixed(1)
      .padStart(7)} ms per pass, ${passed[name]} files pass`,
  );
}
if (passed['byte gate'] !== passed['decode + regex']) throw new Error('the gates disagree');
const ratio = median(cpu['decode + regex'] ?? []) / median(cpu['byte gate'] ?? []);
console.log(`byte gate: ${ratio.toFixed(2)}× faster than decoding and the regex, same files pass`);
