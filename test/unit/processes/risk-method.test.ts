import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RiskMethodology } from '../../../shared/model';
import { Refusal } from '../../../shared/model';
import {
  bandFor,
  defaultRiskMethodology,
  evaluateRisk,
  evaluateRisks,
  levelRank,
  maxScore,
  requireUsableMethodology,
  validateMethodology,
  type Methodology,
  type RiskInput,
} from '../../../shared/processes/risk-method';
import { method } from './process-fixtures';

const RUNS = 1000;
const DIMENSIONS = ['organisation', 'individuals', 'society'] as const;

const scale = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ value: i + 1, label: `L${i + 1}`, meaning: `level ${i + 1}` }));

/** Any valid methodology: 2–7 point scales, bands cut anywhere in 1..max, a monotone appetite. */
const methodologyArb: fc.Arbitrary<Methodology> = fc
  .record({ l: fc.integer({ min: 2, max: 7 }), i: fc.integer({ min: 2, max: 7 }) })
  .chain(({ l, i }) =>
    fc
      .record({
        cuts: fc.uniqueArray(fc.integer({ min: 2, max: l * i }), { maxLength: 5 }),
        acceptableBands: fc.nat({ max: 6 }),
        dimensions: fc.shuffledSubarray([...DIMENSIONS], { minLength: 1 }),
      })
      .map(({ cuts, acceptableBands, dimensions }) => {
        const starts = [1, ...cuts.sort((a, b) => a - b)];
        const bands = starts.map((min, k) => ({
          name: `band-${k}`,
          min,
          max: (starts[k + 1] ?? l * i + 1) - 1,
          acceptable: k < acceptableBands,
          responseDays: 30,
        }));
        return {
          id: 'm',
          version: '1',
          likelihood: scale(l),
          impact: scale(i),
          dimensions,
          bands,
          approval: { state: 'approved' as const },
        };
      }),
  );

const withRisk = methodologyArb.chain((m) =>
  fc
    .record({
      likelihood: fc.integer({ min: 1, max: m.likelihood.length }),
      consequences: fc
        .subarray([...m.dimensions], { minLength: 1 })
        .chain((dims) =>
          fc.tuple(
            ...dims.map((d) => fc.integer({ min: 1, max: m.impact.length }).map((v) => [d, v] as const)),
          ),
        )
        .map((pairs) => Object.fromEntries(pairs)),
    })
    .map((risk) => ({ m, risk })),
);

describe('risk method (6.1.1, 6.1.2): properties over generated methodologies', () => {
  it('every generated methodology validates and its bands cover 1..max×max exactly once', () => {
    fc.assert(
      fc.property(methodologyArb, (m) => {
        expect(validateMethodology(m)).toEqual([]);
        const uncovered: number[] = [];
        for (let score = 1; score <= maxScore(m); score++) {
          const holding = m.bands.filter((b) => b.min <= score && score <= b.max);
          if (holding.length !== 1 || holding[0] !== bandFor(m, score)) uncovered.push(score);
        }
        expect(uncovered).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: the same inputs and method version give the same result, whatever the order', () => {
    fc.assert(
      fc.property(withRisk, fc.shuffledSubarray([0, 1, 2], { minLength: 3 }), ({ m, risk }, order) => {
        const first = evaluateRisk(m, risk);
        expect(evaluateRisk(structuredClone(m), structuredClone(risk))).toEqual(first);
        const reversed = Object.fromEntries(Object.entries(risk.consequences).reverse());
        expect(
          evaluateRisk({ ...m, bands: [...m.bands].reverse() }, { ...risk, consequences: reversed }),
        ).toEqual(first);
        const inputs: RiskInput[] = [0, 1, 2].map((k) => ({
          id: `r${k}`,
          title: 't',
          source: 'workshop',
          likelihood: Math.max(1, risk.likelihood - k),
          consequences: risk.consequences,
        }));
        const shuffled = order.map((k) => inputs[k]!);
        const byId = (rs: ReturnType<typeof evaluateRisks>) => Object.fromEntries(rs.map((r) => [r.id, r]));
        expect(byId(evaluateRisks(m, shuffled))).toEqual(byId(evaluateRisks(m, inputs)));
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotone: a higher likelihood or consequence never lowers the score or the level', () => {
    fc.assert(
      fc.property(withRisk, ({ m, risk }) => {
        const base = evaluateRisk(m, risk);
        if (risk.likelihood < m.likelihood.length) {
          const higher = evaluateRisk(m, { ...risk, likelihood: risk.likelihood + 1 });
          expect(higher.score).toBeGreaterThanOrEqual(base.score);
          expect(levelRank(m, higher.level)).toBeGreaterThanOrEqual(levelRank(m, base.level));
          expect(!higher.acceptable || base.acceptable).toBe(true);
        }
        const [dimension, value] = Object.entries(risk.consequences)[0] ?? [];
        if (dimension && value !== undefined && value < m.impact.length) {
          const worse = evaluateRisk(m, {
            ...risk,
            consequences: { ...risk.consequences, [dimension]: value + 1 },
          });
          expect(levelRank(m, worse.level)).toBeGreaterThanOrEqual(levelRank(m, base.level));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects a methodology with a band removed (a gap) or widened into its neighbour (an overlap)', () => {
    const multiBand = methodologyArb.filter((m) => m.bands.length >= 2);
    fc.assert(
      fc.property(multiBand, fc.nat(), (m, pick) => {
        const k = pick % m.bands.length;
        const gap = { ...m, bands: m.bands.filter((_, i) => i !== k) };
        expect(validateMethodology(gap).length).toBeGreaterThan(0);
        const j = pick % (m.bands.length - 1);
        const overlap = { ...m, bands: m.bands.map((b, i) => (i === j ? { ...b, max: b.max + 1 } : b)) };
        expect(validateMethodology(overlap).some((p) => /overlaps/.test(p.message))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('risk method rules', () => {
  const m = method();

  it('scores likelihood × the worst consequence across dimensions', () => {
    expect(
      evaluateRisk(m, { likelihood: 3, consequences: { organisation: 2, individuals: 4, society: 1 } }),
    ).toEqual({
      score: 12,
      level: 'high',
      acceptable: false,
      responseDays: 30,
      worstConsequence: 4,
      worstDimension: 'individuals',
    });
    expect(evaluateRisk(m, { likelihood: 1, consequences: { society: 3 } })).toMatchObject({
      score: 3,
      level: 'low',
      acceptable: true,
    });
  });

  it('orders by score, then worse consequence, then likelihood, then id', () => {
    const risks = evaluateRisks(m, [
      { id: 'b', title: 'b', source: 'workshop', likelihood: 4, consequences: { organisation: 2 } },
      { id: 'a', title: 'a', source: 'workshop', likelihood: 2, consequences: { individuals: 4 } },
      { id: 'c', title: 'c', source: 'workshop', likelihood: 5, consequences: { organisation: 5 } },
      { id: 'd', title: 'd', source: 'workshop', likelihood: 2, consequences: { individuals: 4 } },
    ]);
    expect(Object.fromEntries(risks.map((r) => [r.id, r.priority]))).toEqual({ c: 1, a: 2, d: 3, b: 4 });
  });

  it('names the field that is off the scale, unknown or missing', () => {
    const fail = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof Refusal ? error.message : String(error);
      }
      return 'no error';
    };
    expect(
      fail(() =>
        evaluateRisks(m, [
          { id: 'r', title: 't', source: 'workshop', likelihood: 6, consequences: { society: 1 } },
        ]),
      ),
    ).toBe("field 'risks[0].likelihood': 6 is outside the likelihood scale 1–5 of risk-method 1.0");
    expect(fail(() => evaluateRisk(m, { likelihood: 2, consequences: { individuals: 0 } }))).toMatch(
      /^field 'consequences.individuals': 0 is outside the impact scale/,
    );
    const narrow = { ...m, dimensions: ['organisation' as const] };
    expect(fail(() => evaluateRisk(narrow, { likelihood: 2, consequences: { society: 3 } }))).toMatch(
      /^field 'consequences.society': risk-method 1.0 does not rate 'society'/,
    );
    expect(fail(() => evaluateRisk(m, { likelihood: 2, consequences: {} }))).toMatch(
      /^field 'consequences': rate at least one/,
    );
    expect(
      fail(() =>
        evaluateRisks(m, [
          { id: 'r', title: 't', source: 'workshop', likelihood: 1, consequences: { society: 1 } },
          { id: 'r', title: 't', source: 'workshop', likelihood: 1, consequences: { society: 1 } },
        ]),
      ),
    ).toBe("field 'risks[1].id': risk id 'r' is used twice");
  });

  it('finds broken scales, bands and appetites', () => {
    const base: Methodology = method();
    const messages = (changes: Partial<RiskMethodology>) =>
      validateMethodology({ ...base, ...changes }).map((p) => `${p.field}: ${p.message}`);
    expect(messages({ likelihood: [...scale(3), { value: 5, label: 'x', meaning: 'x' }] })[0]).toMatch(
      /^likelihood: scale values must run 1, 2, … 4/,
    );
    expect(messages({ bands: base.bands.filter((b) => b.name !== 'medium') })).toEqual([
      'bands: no band covers score 5–9',
    ]);
    expect(
      messages({ bands: base.bands.map((b) => (b.name === 'critical' ? { ...b, max: 24 } : b)) }),
    ).toEqual(['bands: no band covers score 25–25']);
    expect(
      messages({ bands: base.bands.map((b) => (b.name === 'critical' ? { ...b, max: 30 } : b)) }),
    ).toEqual(['bands: bands run past the highest possible score 25']);
    expect(
      messages({ bands: base.bands.map((b) => (b.name === 'critical' ? { ...b, acceptable: true } : b)) }),
    ).toEqual(["bands[3].acceptable: band 'critical' is acceptable but the lower band 'high' is not"]);
    expect(
      messages({ bands: base.bands.map((b) => (b.name === 'low' ? { ...b, name: 'medium' } : b)) }),
    ).toEqual(["bands[1].name: band 'medium' is named twice"]);
  });

  it('refuses an unapproved methodology for use, and the default factory needs approval first', () => {
    const draft = defaultRiskMethodology();
    expect(validateMethodology(draft)).toEqual([]);
    expect(() => requireUsableMethodology(draft)).toThrow(
      'risk methodology risk-method 1.0 is draft, not approved; approve it before using it for an assessment',
    );
    expect(() => requireUsableMethodology(method())).not.toThrow();
  });
});
