// Rules of the risk method (6.1.1, 6.1.2) that no other test stated, each with the case that must pass
// and the case that must fail: malformed methodologies refused at use with the methodology named, scales
// listed out of order, repeated dimensions, scores no band covers, ties between dimensions, and what an
// evaluated risk keeps of its input.
import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS, type RiskMethodology } from '../../../shared/model';
import {
  bandFor,
  defaultRiskMethodology,
  evaluateRisk,
  evaluateRisks,
  maxScore,
  requireUsableMethodology,
  validateMethodology,
  type Methodology,
} from '../../../shared/processes/risk-method';
import { method, refusalOf } from './process-fixtures';

const level = (value: number) => ({ value, label: `L${value}`, meaning: `level ${value}` });
const withChanges = (changes: Partial<RiskMethodology>): Methodology => ({ ...method(), ...changes });

describe('scales', () => {
  it('the highest possible score is the top likelihood times the top consequence', () => {
    expect(maxScore(method())).toBe(25);
    const small = withChanges({ likelihood: [3, 1, 2].map(level), impact: [1, 2, 3, 4].map(level) });
    expect(maxScore(small)).toBe(12);
  });

  it('passes a scale listed out of order; fails one with a repeat, naming the values in order', () => {
    expect(
      validateMethodology(
        withChanges({
          likelihood: [5, 3, 1, 4, 2].map(level),
          impact: [2, 1, 4, 3, 5].map(level),
        }),
      ),
    ).toEqual([]);
    expect(validateMethodology(withChanges({ impact: [3, 1, 2, 1, 5].map(level) }))).toEqual([
      {
        field: 'impact',
        message: 'scale values must run 1, 2, … 5 without gaps or repeats; got 1, 1, 2, 3, 5',
      },
    ]);
  });

  it('refuses a rating above the top of a scale, and passes the top itself', () => {
    const m = method();
    expect(evaluateRisk(m, { likelihood: 5, consequences: { society: 5 } }).score).toBe(25);
    expect(refusalOf(() => evaluateRisk(m, { likelihood: 2, consequences: { society: 6 } }))).toEqual({
      field: 'consequences.society',
      reason: '6 is outside the impact scale 1–5 of risk-method 1.0',
    });
  });
});

describe('dimensions', () => {
  it('refuses a dimension listed twice, and reports only that until it is fixed', () => {
    const twice = withChanges({
      dimensions: ['organisation', 'society', 'organisation'],
      bands: method().bands.filter((b) => b.name !== 'medium'),
    });
    expect(validateMethodology(twice)).toEqual([
      { field: 'dimensions', message: 'a consequence dimension is listed twice' },
    ]);
    expect(validateMethodology(withChanges({ dimensions: ['organisation', 'society'] }))).toEqual([]);
  });

  it('a broken scale is reported alone: bands are judged only on sound scales', () => {
    const broken = withChanges({
      likelihood: [1, 2, 4].map(level),
      bands: method().bands.filter((b) => b.name !== 'low'),
    });
    expect(validateMethodology(broken).map((p) => p.field)).toEqual(['likelihood']);
    const inverted = withChanges({
      likelihood: [1, 2, 4].map(level),
      bands: method().bands.map((b) => (b.name === 'low' ? { ...b, min: 4, max: 1 } : b)),
    });
    expect(validateMethodology(inverted).map((p) => p.field)).toEqual(['likelihood']);
  });

  it('gives a tie between dimensions to the one the methodology lists first', () => {
    const m = method();
    expect(m.dimensions).toEqual(['organisation', 'individuals', 'society']);
    expect(evaluateRisk(m, { likelihood: 2, consequences: { society: 4, individuals: 4 } })).toMatchObject({
      worstConsequence: 4,
      worstDimension: 'individuals',
      score: 8,
    });
    expect(
      evaluateRisk(m, { likelihood: 2, consequences: { society: 4, organisation: 4, individuals: 1 } }),
    ).toMatchObject({ worstDimension: 'organisation' });
  });

  it('lists the dimensions it rates when a rating names another or none', () => {
    const m = method();
    expect(
      refusalOf(() => evaluateRisk(m, { likelihood: 2, consequences: { planet: 3 } as never }, 'risks[1]')),
    ).toEqual({
      field: 'risks[1].consequences.planet',
      reason: "risk-method 1.0 does not rate 'planet' (it rates organisation, individuals, society)",
    });
    expect(refusalOf(() => evaluateRisk(m, { likelihood: 2, consequences: {} }))).toEqual({
      field: 'consequences',
      reason: 'rate at least one of organisation, individuals, society',
    });
  });
});

describe('bands', () => {
  it('bands a covered score and refuses one no band covers, naming the methodology', () => {
    const m = method();
    expect(bandFor(m, 16).name).toBe('high');
    expect(refusalOf(() => bandFor(m, 26))).toEqual({
      field: 'bands',
      reason: 'no band of risk-method 1.0 covers score 26',
    });
    const holed = withChanges({ bands: m.bands.filter((b) => b.name !== 'medium') });
    expect(refusalOf(() => bandFor(holed, 6))).toEqual({
      field: 'bands',
      reason: 'no band of risk-method 1.0 covers score 6',
    });
  });
});

describe('using a methodology (6.1.2: only an approved, well-formed one)', () => {
  it('refuses an approved methodology that is malformed, naming it, its version and the fault', () => {
    const holed = withChanges({ bands: method().bands.filter((b) => b.name !== 'high') });
    expect(holed.approval.state).toBe('approved');
    expect(refusalOf(() => requireUsableMethodology(holed))).toEqual({
      field: 'bands',
      reason: 'risk methodology risk-method 1.0: no band covers score 10–16',
    });
    expect(() => requireUsableMethodology(method())).not.toThrow();
  });

  it('the default methodology is a record the register accepts once approved', () => {
    const draft = defaultRiskMethodology({ id: 'rm', version: '2.0' });
    expect(draft).toMatchObject({ kind: 'risk-methodology', id: 'rm', version: '2.0' });
    const stored = RECORD_SCHEMAS['risk-methodology'].safeParse({
      ...draft,
      approval: { state: 'approved', approvedBy: 'ceo@example.com', approvedAt: '2026-01-02T12:00:00.000Z' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'test',
      updatedBy: 'test',
      revision: 1,
    });
    expect(stored.success).toBe(true);
  });
});

describe('an evaluated risk keeps what the assessor wrote', () => {
  const input = {
    id: 'r1',
    title: 'Wrong answers',
    source: 'workshop' as const,
    likelihood: 3,
    consequences: { individuals: 3 },
  };

  it('keeps a description and a source reference when given', () => {
    const [risk] = evaluateRisks(method(), [
      { ...input, description: 'Hallucinated order numbers', sourceRef: 'WS-7' },
    ]);
    expect(risk).toMatchObject({ description: 'Hallucinated order numbers', sourceRef: 'WS-7' });
  });

  it('stores an empty description and no source reference at all when none is given', () => {
    const [risk] = evaluateRisks(method(), [input]);
    expect(risk!.description).toBe('');
    expect(Object.keys(risk!)).not.toContain('sourceRef');
    expect(risk).toEqual({
      id: 'r1',
      title: 'Wrong answers',
      description: '',
      source: 'workshop',
      likelihood: 3,
      consequences: { individuals: 3 },
      score: 9,
      level: 'medium',
      acceptable: true,
      priority: 1,
    });
  });

  it('does not share the consequences object with the input', () => {
    const consequences = { individuals: 3 };
    const [risk] = evaluateRisks(method(), [{ ...input, consequences }]);
    consequences.individuals = 5;
    expect(risk!.consequences).toEqual({ individuals: 3 });
  });
});
