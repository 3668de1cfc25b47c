// Held-out quality measure: the same scoring as the main corpus gate, over repositories labelled
// independently of the detectors, so the figures measure accuracy rather than self-consistency.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanReport } from '../../../shared/discovery';
import { CorpusScore, labelledRepos, readExpected } from '../../support/corpus-scoring';
import { scanRepo } from './corpus-reader';

const HELDOUT = join(__dirname, '..', '..', 'fixtures', 'corpus-heldout');

describe('discovery held-out corpus', () => {
  const repos = labelledRepos(HELDOUT);
  const score = new CorpusScore();

  it('has at least 10 labelled repositories', () => {
    expect(repos.length).toBeGreaterThanOrEqual(10);
  });

  for (const repo of repos) {
    it(`scans ${repo} into a valid, deterministic report`, () => {
      const root = join(HELDOUT, repo);
      const report = scanRepo(root);
      expect(() => ScanReport.parse(report)).not.toThrow();
      expect(JSON.stringify(scanRepo(root))).toBe(JSON.stringify(report));
      score.add(repo, readExpected(root), report);
    });
  }

  it('meets the quality bar (precision and recall ≥ 0.97 for providers, models and components; evidence path hit-rate ≥ 0.9)', () => {
    console.log(score.summary({ perRepo: true }));
    for (const rates of [score.providers(), score.models(), score.components()]) {
      expect(rates.precision).toBeGreaterThanOrEqual(0.97);
      expect(rates.recall).toBeGreaterThanOrEqual(0.97);
    }
    expect(score.evidenceHitRate()).toBeGreaterThanOrEqual(0.9);
  });
});
