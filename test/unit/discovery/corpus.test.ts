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

  it('meets the quality bar (provider F1 ≥ 0.95, model F1 ≥ 0.90)', () => {
    console.log(score.summary());
    expect(score.providers().f1).toBeGreaterThanOrEqual(0.95);
    expect(score.models().f1).toBeGreaterThanOrEqual(0.9);
  });
});
