// Scoring of discovery against a labelled corpus: precision / recall of (system, provider) and
// (system, model) pairs, shared by the main corpus gate and the held-out set.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanReport } from '../../shared/discovery';

export interface ExpectedSystem {
  root: string;
  providers: string[];
  /** `version` is part of a model's identity when the source fixes one apart from the id. */
  models: Array<{ id: string; version?: string; pinning: string }>;
  /** Agent tools, MCP servers, retrieval sources and guardrails of the system. */
  components?: Array<{ kind: string; name: string }>;
  /** Files an auditor must be pointed to: where the model or provider is configured, declared, loaded or called. */
  evidence?: string[];
}

export interface Expected {
  systems: ExpectedSystem[];
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface Rates {
  precision: number;
  recall: number;
  f1: number;
}

export const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

export function f1(t: Tally): Rates {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/** Folders of a corpus directory, each a labelled repository with an `expected.json`. */
export function labelledRepos(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

export function readExpected(root: string): Expected {
  return JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Expected;
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

export function table(title: string, byLabel: Map<string, Tally>): string {
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

const rates = (s: Rates): string =>
  `precision ${(s.precision * 100).toFixed(1)}%  recall ${(s.recall * 100).toFixed(1)}%  F1 ${(s.f1 * 100).toFixed(1)}%`;

const modelKey = (m: { id: string; version?: string }): string => (m.version ? `${m.id}@${m.version}` : m.id);

/** Accumulates the scores of a corpus, one repository at a time. */
export class CorpusScore {
  readonly providerTotal = tally();
  readonly modelTotal = tally();
  readonly pinningTotal = tally();
  readonly componentTotal = tally();
  readonly byComponent = new Map<string, Tally>();
  /** Distinct truth evidence files cited by the system they belong to, and all of them. */
  readonly evidenceHits = { cited: 0, total: 0 };
  readonly byProvider = new Map<string, Tally>();
  readonly byModel = new Map<string, Tally>();
  readonly byRepo = new Map<string, { providers: Tally; models: Tally }>();
  readonly misses: string[] = [];

  add(repo: string, expected: Expected, report: ScanReport): void {
    const item = { providers: tally(), models: tally() };
    this.byRepo.set(repo, item);

    const expProviders = new Set(
      expected.systems.flatMap((s) => s.providers.map((p) => `${repo}|${s.root}|${p}`)),
    );
    const actProviders = new Set(
      report.systems.flatMap((s) => s.providers.map((p) => `${repo}|${s.root}|${p}`)),
    );
    const providerLabel = (pair: string): string => pair.split('|')[2] ?? '';
    count(expProviders, actProviders, this.providerTotal, this.byProvider, providerLabel, this.misses);
    count(expProviders, actProviders, item.providers, new Map(), providerLabel, []);

    const expModels = new Set(
      expected.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${modelKey(m)}`)),
    );
    const actModels = new Set(
      report.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${modelKey(m)}`)),
    );
    const modelLabel = (pair: string): string => pair.split('|').slice(2).join('|');
    count(expModels, actModels, this.modelTotal, this.byModel, modelLabel, this.misses);
    count(expModels, actModels, item.models, new Map(), modelLabel, []);

    const expPinning = new Set(
      expected.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${modelKey(m)}|${m.pinning}`)),
    );
    const actPinning = new Set(
      report.systems.flatMap((s) => s.models.map((m) => `${repo}|${s.root}|${modelKey(m)}|${m.pinning}`)),
    );
    for (const p of expPinning) {
      if (actPinning.has(p)) this.pinningTotal.tp++;
      else {
        this.pinningTotal.fn++;
        this.misses.push(`PIN ${p}`);
      }
    }

    const expComponents = new Set(
      expected.systems.flatMap((s) =>
        (s.components ?? []).map((c) => `${repo}|${s.root}|${c.kind}:${c.name}`),
      ),
    );
    const actComponents = new Set(
      report.systems.flatMap((s) => (s.components ?? []).map((c) => `${repo}|${s.root}|${c.kind}:${c.name}`)),
    );
    const componentLabel = (pair: string): string => (pair.split('|')[2] ?? '').split(':')[0] ?? '';
    count(expComponents, actComponents, this.componentTotal, this.byComponent, componentLabel, this.misses);

    for (const s of expected.systems) {
      const cited = new Set(
        report.systems.filter((a) => a.root === s.root).flatMap((a) => a.evidence.map((e) => e.path)),
      );
      for (const path of new Set(s.evidence ?? [])) {
        this.evidenceHits.total++;
        if (cited.has(path)) this.evidenceHits.cited++;
        else this.misses.push(`EVIDENCE ${repo}|${s.root}|${path}`);
      }
    }
  }

  components(): Rates {
    return f1(this.componentTotal);
  }

  /** Evidence path hit-rate: distinct truth files cited ÷ distinct truth files (1 when none are labelled). */
  evidenceHitRate(): number {
    return this.evidenceHits.total === 0 ? 1 : this.evidenceHits.cited / this.evidenceHits.total;
  }

  providers(): Rates {
    return f1(this.providerTotal);
  }

  models(): Rates {
    return f1(this.modelTotal);
  }

  /** Per-label tables, overall figures, pinning agreement and every miss. */
  summary(options: { perRepo?: boolean } = {}): string {
    const perRepo = options.perRepo
      ? [
          '',
          `${'repository'.padEnd(40)} providers tp/fp/fn   models tp/fp/fn`,
          ...[...this.byRepo.entries()]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(
              ([repo, t]) =>
                `${repo.slice(0, 40).padEnd(40)} ${`${t.providers.tp}/${t.providers.fp}/${t.providers.fn}`.padStart(18)} ${`${t.models.tp}/${t.models.fp}/${t.models.fn}`.padStart(17)}`,
            ),
        ]
      : [];
    return [
      table('provider', this.byProvider),
      '',
      table('model', this.byModel),
      '',
      table('component', this.byComponent),
      ...perRepo,
      '',
      `overall providers: ${rates(this.providers())}`,
      `overall models:    ${rates(this.models())}`,
      `overall components: ${rates(this.components())}`,
      `evidence path hit-rate: ${this.evidenceHits.cited}/${this.evidenceHits.total} (${(this.evidenceHitRate() * 100).toFixed(1)}%)`,
      `pinning agreement on expected models: ${this.pinningTotal.tp}/${this.pinningTotal.tp + this.pinningTotal.fn}`,
      ...(this.misses.length > 0 ? ['', 'misses:', ...[...this.misses].sort()] : []),
    ].join('\n');
  }
}
