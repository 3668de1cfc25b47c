// Benchmark: `aims scan --format json` against ripgrep with equivalent provider / SDK / model-id
// patterns, over the same synthetic repository, in the same run. Prints median wall and CPU times, their
// ratios to rg and the scanner's peak RSS.
// Run: node --import tsx scripts/bench/scan.ts [--files N] [--runs N] [--skip-tsx] [--baseline path/to/aims.mjs]
// --baseline times another build of the CLI (an older commit's `npm run build:cli` output) in the same
// alternating runs, so a before/after comparison shares the machine's load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildCli } from '../build-cli.mjs';
import { median, run } from './measure';
import { ensureSyntheticTree } from './synthetic-tree';

const REPO = resolve(import.meta.dirname, '../..');
const BENCH_DIR = join(REPO, '.bench');
// The compiled CLI as users run it (scripts/build-cli.mjs), in a folder of its own.
const BUNDLE_DIR = join(REPO, 'dist', 'bench-cli');
const BUNDLE = join(BUNDLE_DIR, 'aims.mjs');

/** What the detectors look for, as one ripgrep run: imports, clients, model ids, env vars, manifests. */
const RG_PATTERNS = [
  String.raw`\b(?:import|from)\s+(?:openai|anthropic|langchain\w*|llama_index|transformers|huggingface_hub|sentence_transformers|google\.generativeai|vertexai|mistralai|cohere|ollama|torch|tensorflow|sklearn|xgboost|onnxruntime|peft|vllm|pinecone|faiss)\b`,
  String.raw`require\(\s*['"](?:openai|@anthropic-ai/sdk|ai|@ai-sdk/[\w-]+|langchain|@langchain/[\w-]+|cohere-ai|@google/generative-ai)['"]`,
  String.raw`from\s+['"](?:openai|@anthropic-ai/sdk|ai|@ai-sdk/[\w-]+|@langchain/[\w-]+|@google/generative-ai)['"]`,
  String.raw`\b(?:OpenAI|AzureOpenAI|Anthropic|ChatOpenAI|ChatAnthropic|GenerativeModel|BedrockRuntime\w*)\s*\(`,
  String.raw`\.from_pretrained\(`,
  String.raw`\b(?:gpt-(?:3\.5|4o|4\.1|4|5)(?:-[a-z0-9.]+)*|o[134](?:-mini)?|claude-[a-z0-9.-]+|gemini-[a-z0-9.-]+|mistral-(?:large|medium|small)[a-z0-9-]*|command-r[a-z0-9-]*|text-embedding-[a-z0-9-]+)\b`,
  String.raw`\b(?:OPENAI|ANTHROPIC|AZURE_OPENAI|GEMINI|MISTRAL|COHERE)_[A-Z_]*(?:MODEL|DEPLOYMENT|KEY)\b`,
  String.raw`^\s*["']?(?:openai|anthropic|transformers|langchain[\w-]*|@anthropic-ai/sdk|@ai-sdk/[\w-]+|ai)["']?\s*(?:[=<>~^:]|$)`,
];

function ensureRipgrep(): string {
  const found = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('ripgrep (rg) is not installed: apt-get update && apt-get install -y ripgrep');
  }
  return found.stdout.split('\n')[0] ?? 'rg';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string' },
      runs: { type: 'string' },
      'skip-tsx': { type: 'boolean' },
      baseline: { type: 'string' },
    },
  });
  const fileCount = Number(values.files ?? 20_000);
  const runs = Number(values.runs ?? 7);
  const rgVersion = ensureRipgrep();

  mkdirSync(BENCH_DIR, { recursive: true });
  const tree = join(BENCH_DIR, `tree-${fileCount}`);
  const stats = ensureSyntheticTree(tree, fileCount);
  // Its own repository, so both tools read its .gitignore and nothing from the enclosing one.
  if (!existsSync(join(tree, '.git'))) spawnSync('git', ['init', '-q', tree]);
  await buildCli({ outdir: BUNDLE_DIR });

  const rgArgs = ['-n', '--no-heading', '--color', 'never', ...RG_PATTERNS.flatMap((p) => ['-e', p]), tree];
  const scanArgs = ['scan', tree, '--format', 'json'];
  const tools: { name: string; command: string; args: string[] }[] = [
    { name: 'rg', command: 'rg', args: rgArgs },
    { name: 'aims (bundled)', command: process.execPath, args: [BUNDLE, ...scanArgs] },
  ];
  if (values.baseline) {
    const baseline = resolve(values.baseline);
    if (!existsSync(baseline)) throw new Error(`--baseline ${baseline}: no such file`);
    tools.push({ name: 'aims (baseline)', command: process.execPath, args: [baseline, ...scanArgs] });
  }
  if (!values['skip-tsx']) {
    tools.push({
      name: 'aims (bin, tsx)',
      command: process.execPath,
      args: [join(REPO, 'bin/aims.mjs'), ...scanArgs],
    });
  }

  console.log(`tree: ${tree}`);
  console.log(
    `      ${stats.files} source files (${(stats.bytes / 1e6).toFixed(1)} MB), ${stats.aiFiles} with AI usage`,
  );
  console.log(
    `rg:   ${rgVersion}; node ${process.version}; ${runs} runs each after one warm-up, interleaved`,
  );
  console.log(
    `load average (1 min) at the start: ${(loadavg()[0] ?? 0).toFixed(2)} on ${availableParallelism()} cores`,
  );

  // Warm-up: page cache, tsx compile cache; also checks both tools work.
  const check = await run(process.execPath, [BUNDLE, ...scanArgs], true, REPO);
  const report = JSON.parse(check.stdout) as { scannedFiles: number; systems: unknown[]; warnings: string[] };
  const rgCheck = await run('rg', rgArgs, true, REPO);
  const rgLines = rgCheck.stdout.split('\n').filter(Boolean).length;
  console.log(
    `scan: ${report.scannedFiles} files scanned, ${report.systems.length} systems, ${report.warnings.length} warnings; rg: ${rgLines} matching lines`,
  );
  for (const tool of tools.slice(2)) await run(tool.command, tool.args, false, REPO);

  const times = new Map<string, number[]>(tools.map((t) => [t.name, []]));
  const rss = new Map<string, number[]>(tools.map((t) => [t.name, []]));
  const cpu = new Map<string, number[]>(tools.map((t) => [t.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const tool of tools) {
      const result = await run(tool.command, tool.args, false, REPO);
      if (result.code !== 0 && !(tool.name === 'rg' && result.code === 1)) {
        throw new Error(`${tool.name} exited ${result.code}`);
      }
      times.get(tool.name)?.push(result.ms);
      if (result.rssKb !== undefined) rss.get(tool.name)?.push(result.rssKb);
      if (result.cpuMs !== undefined) cpu.get(tool.name)?.push(result.cpuMs);
    }
  }

  console.log('');
  const rgMedian = median(times.get('rg') ?? []);
  const rgCpu = median(cpu.get('rg') ?? []);
  for (const tool of tools) {
    const t = times.get(tool.name) ?? [];
    const peak = Math.max(...(rss.get(tool.name) ?? [0]));
    const ratio = tool.name === 'rg' ? '' : `  ratio ${(median(t) / rgMedian).toFixed(2)}× rg`;
    const memory = peak > 0 ? `  peak RSS ${(peak / 1024).toFixed(1)} MB` : '';
    const cpuTimes = cpu.get(tool.name) ?? [];
    const cpuRatio = tool.name !== 'rg' && rgCpu > 0 ? ` (${(median(cpuTimes) / rgCpu).toFixed(2)}× rg)` : '';
    const cpuText = cpuTimes.length > 0 ? `  CPU ${median(cpuTimes).toFixed(0)} ms${cpuRatio}` : '';
    console.log(
      `${tool.name.padEnd(17)} median ${median(t).toFixed(0).padStart(6)} ms  (min ${Math.min(...t).toFixed(0)}, max ${Math.max(...t).toFixed(0)})${ratio}${cpuText}${memory}`,
    );
  }
  const bundled = median(times.get('aims (bundled)') ?? []) / rgMedian;
  const peakMb = Math.max(...(rss.get('aims (bundled)') ?? [0])) / 1024;
  const load = loadavg()[0] ?? 0;
  console.log('');
  console.log(`load average (1 min) at the end: ${load.toFixed(2)} on ${availableParallelism()} cores`);
  console.log(
    `targets: ratio ≤ 3 → ${bundled.toFixed(2)} ${bundled <= 3 ? 'met' : 'NOT met'} (goal beyond: 1.5 → ${bundled <= 1.5 ? 'met' : 'not yet'}); peak RSS < 300 MB → ${peakMb.toFixed(1)} MB ${peakMb < 300 ? 'met' : 'NOT met'}`,
  );
}

await main();
