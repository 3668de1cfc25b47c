// The evidence pack's clause pages: every clause 4–10 of the demo names at least one register record or
// evidence item, and each record named is one the register holds.
import { describe, expect, it } from 'vitest';
import { recordsForClause } from '../../../shared/processes/records-by-clause';
import { buildEvidencePack } from '../../../shared/render/evidence-pack';
import { isUnder } from '../../../shared/processes/requirements';
import { CLAUSES } from '../../../shared/standard';
import { TODAY, demoSnapshot, snapshotFrom } from '../../support/certification-fixtures';

const OPTIONS = { today: TODAY, generatedAt: `${TODAY}T09:00:00.000Z` };

describe('evidence pack clause pages', () => {
  const snapshot = demoSnapshot();
  const files = new Map(buildEvidencePack(snapshot, OPTIONS).map((f) => [f.path, f.content]));
  const auditable = CLAUSES.filter((c) => c.auditable);

  it('covers every auditable clause of 4–10 with a page', () => {
    expect(auditable.length).toBeGreaterThan(25);
    for (const c of auditable) expect(files.has(`clauses/${c.id}.html`), c.id).toBe(true);
  });

  it('names at least one record or evidence item on every clause page of the demo', () => {
    const bare: string[] = [];
    for (const c of auditable) {
      const html = files.get(`clauses/${c.id}.html`)!;
      const ids = [
        ...recordsForClause(snapshot, c.id).map((r) => r.id),
        ...snapshot.evidence
          .filter((e) => e.clauses.some((x) => isUnder(x, c.id) || isUnder(c.id, x)))
          .map((e) => e.id),
        ...snapshot.document
          .filter((d) => d.clauses.some((x) => isUnder(x, c.id) || isUnder(c.id, x)))
          .map((d) => d.id),
      ];
      if (ids.length === 0 || !ids.some((id) => html.includes(id))) bare.push(c.id);
    }
    expect(bare).toEqual([]);
  });

  it('lists each new clause record on its clause page', () => {
    const page = (id: string) => files.get(`clauses/${id}.html`)!;
    expect(page('4.1')).toContain('ctx-climate');
    expect(page('4.2')).toContain('party-policyholders');
    expect(page('5.1')).toContain('lead-2026-triggers');
    expect(page('6.1.1')).toContain('aimsopp-regulator-readiness');
    expect(page('6.3')).toContain('change-2026-triggers');
    expect(page('7.1')).toContain('res-ml-platform');
    expect(page('7.3')).toContain('aware-2026-policy');
    expect(page('7.4')).toContain('comm-customer-ai-notice');
    expect(page('9.1')).toContain('meas-fraud-precision-2026-11');
    expect(page('10.1')).toContain('imp-2026-1');
    // Approved documents carry their content hash (7.5.3), so none shows as not captured.
    expect(page('7.5.3')).not.toContain('not captured');
  });

  it('says so plainly when a clause has no records', () => {
    const empty = new Map(buildEvidencePack(snapshotFrom([]), OPTIONS).map((f) => [f.path, f.content]));
    expect(empty.get('clauses/4.1.html')).toContain('No register records for this clause.');
  });
});
