// Quality gate: precision / recall of discovered (system, provider) and (system, model) pairs over
// the labelled corpus of small realistic repositories.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanReport } from '../../../shared/discovery';
import { CorpusScore, readExpected } from '../../support/corpus-scoring';
import { CORPUS, corpusRepos, scanRepo } from './corpus-reader';

describe('discovery corpus', () => {
  const repos = corpusRepos();
  const score = new CorpusScore();

  it('has at least 15 labelled repositories', () => {
    expect(repos.length).toBeGreaterThanOrEqual(15);
  });

  for (const repo of repos) {
    it(`scans ${repo} into a valid, deterministic report`, () => {
      const root = join(CORPUS, repo);
      const report = scanRepo(root);
      expect(() => ScanReport.parse(report)).not.toThrow();
      expect(JSON.stringify(scanRepo(root))).toBe(JSON.stringify(report));
      score.add(repo, readExpected(root), report);
    });
  }

  it('meets the quality bar (precision and recall ≥ 0.97 for providers, models and components; evidence path hit-rate ≥ 0.9)', () => {
    console.log(score.summary());
    for (const rates of [score.providers(), score.models(), score.components()]) {
      expect(rates.precision).toBeGreaterThanOrEqual(0.97);
      expect(rates.recall).toBeGreaterThanOrEqual(0.97);
    }
    expect(score.evidenceHitRate()).toBeGreaterThanOrEqual(0.9);
  });
});
