// Quality gate: precision / recall of discovered (system, provider) and (system, model) pairs over
// the labelled corpus of small realistic repositories.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanReport } from '../../../shared/discovery';
import { CORPUS, corpusRepos, scanRepo } from './corpus-reader';

interface ExpectedSystem {
  root: string;
  providers: string[];
  models: Array<{ id: string; pinning: string }>;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

function f1(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

function count(
  expected: Set<string>,
  actual: Set<string>,
  overall: Tally,
  byLabel: Map<string, Tally>,
  label: (pair: string) => string,
  misses: string[],
): void {
  for (const pair of new Set([...expected, ...actual])) {
    const t = byLabel.get(label(pair)) ?? tally();
    byLabel.set(label(pair), t);
    if (expected.has(pair) && actual.has(pair)) {
      overall.tp++;
      t.tp++;
    } else if (actual.has(pair)) {
      overall.fp++;
      t.fp++;
      misses.push(`FP ${pair}`);
    } else {
      overall.fn++;
      t.fn++;
      misses.push(`FN ${pair}`);
    }
  }
}

function table(title: string, byLabel: Map<string, Tally>): string {
  const rows = [...byLabel.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const pct = (n: number): string => (n * 100).toFixed(1).padStart(6);
  const lines = [`${title.padEnd(58)}    tp   fp   fn  precision recall     f1`];
  for (const [label, t] of rows) {
    const s = f1(t);
    lines.push(
      `${label.slice(0, 58).padEnd(58)} ${String(t.tp).padStart(5)}${String(t.fp).padStart(5)}${String(t.fn).padStart(5)}  ${pct(s.precision)}% ${pct(s.recall)}% ${pct(s.f1)}%`,
    );
  }
  return lines.join('\n');
}

describe('discovery corpus', () => {
  const repos = corpusRepos();
  const providerTotal = tally();
  const modelTotal = tally();
  const pinningTotal = tally();
  const byProvider = new Map<string, Tally>();
  const byModel = new Map<string, Tally>();
  const misses: string[] = [];

  it('has at least 15 labelled repositories', () => {
    expect(repos.length).toBeGreaterThanOrEqual(15);
  });

  for (const repo of repos) {
    it(`scans ${repo} into a valid, deterministic report`, () => {
      const root = join(CORPUS, repo);
      const report = scanRepo(root);
      expect(() => ScanReport.parse(report)).not.toThrow();
      expect(JSON.stringify(scanRepo(root))).toBe(JSON.stringify(report));
      const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as {
        systems: ExpectedSystem[];
      };

      const expProviders = new Set(
        expected.systems.flatMap((s) => s.providers.map((p) => `${repo}|${s.root}|${p}`)),
      );
      const actProviders = new Set(
        report.systems.flatMap((s) => s.providers.map((p) => `${repo}|${s.root}|${p}`)),
      );
      count(
        expProviders,
        actProviders,
        providerTotal,
        byProvider,
        (pair) => pair.split('|')[2] ?? '',
        misses,
      );

      const expModels = new Set(
        expected.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${m.id}`)),
      );
      const actModels = new Set(
        report.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${m.id}`)),
      );
      count(expModels, actModels, modelTotal, byModel, (pair) => pair.split('|').slice(2).join('|'), misses);

      const expPinning = new Set(
        expected.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${m.id}|${m.pinning}`)),
      );
      const actPinning = new Set(
        report.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${m.id}|${m.pinning}`)),
      );
      for (const p of expPinning) {
        if (actPinning.has(p)) pinningTotal.tp++;
        else pinningTotal.fn++;
      }
    });
  }

  it('meets the quality bar (provider F1 ≥ 0.95, model F1 ≥ 0.90)', () => {
    const providers = f1(providerTotal);
    const models = f1(modelTotal);
    console.log(
      [
        table('provider', byProvider),
        '',
        table('model', byModel),
        '',
        `overall providers: precision ${(providers.precision * 100).toFixed(1)}%  recall ${(providers.recall * 100).toFixed(1)}%  F1 ${(providers.f1 * 100).toFixed(1)}%`,
        `overall models:    precision ${(models.precision * 100).toFixed(1)}%  recall ${(models.recall * 100).toFixed(1)}%  F1 ${(models.f1 * 100).toFixed(1)}%`,
        `pinning agreement on expected models: ${pinningTotal.tp}/${pinningTotal.tp + pinningTotal.fn}`,
        ...(misses.length > 0 ? ['', 'misses:', ...misses.sort()] : []),
      ].join('\n'),
    );
    expect(providers.f1).toBeGreaterThanOrEqual(0.95);
    expect(models.f1).toBeGreaterThanOrEqual(0.9);
  });
});
