// Clauses 6.1.1 and 6.1.2: the risk criteria and the method that turns a rated risk into a level.
//
// The scoring rule, applied the same way everywhere so results are repeatable and comparable:
//   worst consequence = the highest rating across the methodology's dimensions (organisation,
//                       individuals, society) — one severe harm is not diluted by mild ones;
//   score             = likelihood × worst consequence;
//   level             = the band whose inclusive [min, max] holds the score;
//   acceptable        = the band's `acceptable` flag (the risk appetite, 6.1.1);
//   priority          = 1 for the highest score; ties go to the worse consequence, then the higher
//                       likelihood, then the risk id, so the order never depends on input order.
import type { ConsequenceDimension, Draft, IdentifiedRisk, RiskMethodology } from '../model';
import { throwFirst, type Problem, refuse } from '../model';

/** The parts of a methodology the method reads; a stored record or a draft both fit. */
export type Methodology = Pick<
  RiskMethodology,
  'id' | 'version' | 'likelihood' | 'impact' | 'dimensions' | 'bands' | 'approval'
>;

export type Consequences = Partial<Record<ConsequenceDimension, number>>;

export interface RiskRating {
  likelihood: number;
  consequences: Consequences;
}

export interface RiskEvaluation {
  score: number;
  level: string;
  acceptable: boolean;
  /** Days within which a treatment decision is due, from the band. */
  responseDays: number;
  worstConsequence: number;
  worstDimension: ConsequenceDimension;
}

/** What a person rates for one risk; the method derives the rest. */
export interface RiskInput extends RiskRating {
  id: string;
  title: string;
  description?: string;
  source: IdentifiedRisk['source'];
  sourceRef?: string;
}

const scaleMax = (scale: Methodology['likelihood']) => Math.max(...scale.map((l) => l.value));

/** Highest possible score: the top likelihood times the top consequence. */
export const maxScore = (method: Methodology) => scaleMax(method.likelihood) * scaleMax(method.impact);

function scaleProblems(name: 'likelihood' | 'impact', scale: Methodology['likelihood']): Problem[] {
  const values = scale.map((l) => l.value).sort((a, b) => a - b);
  const expected = values.map((_, i) => i + 1);
  if (values.some((v, i) => v !== expected[i])) {
    return [
      {
        field: name,
        message: `scale values must run 1, 2, … ${scale.length} without gaps or repeats; got ${values.join(', ')}`,
      },
    ];
  }
  return [];
}

/** Everything wrong with a methodology's structure (approval is checked separately, at use). */
export function validateMethodology(method: Methodology): Problem[] {
  const problems = [
    ...scaleProblems('likelihood', method.likelihood),
    ...scaleProblems('impact', method.impact),
  ];
  if (new Set(method.dimensions).size !== method.dimensions.length) {
    problems.push({ field: 'dimensions', message: 'a consequence dimension is listed twice' });
  }
  if (problems.length > 0) return problems;

  const top = maxScore(method);
  const names = new Set<string>();
  method.bands.forEach((band, i) => {
    if (band.min > band.max)
      problems.push({ field: `bands[${i}]`, message: `min ${band.min} is above max ${band.max}` });
    if (names.has(band.name))
      problems.push({ field: `bands[${i}].name`, message: `band '${band.name}' is named twice` });
    names.add(band.name);
  });
  if (problems.length > 0) return problems;

  const sorted = method.bands.map((band, index) => ({ band, index })).sort((a, b) => a.band.min - b.band.min);
  let next = 1;
  for (const { band, index } of sorted) {
    if (band.min > next)
      problems.push({ field: 'bands', message: `no band covers score ${next}–${band.min - 1}` });
    if (band.min < next) {
      problems.push({
        field: `bands[${index}]`,
        message: `band '${band.name}' overlaps another band at score ${band.min}`,
      });
    }
    next = Math.max(next, band.max + 1);
  }
  if (next <= top) problems.push({ field: 'bands', message: `no band covers score ${next}–${top}` });
  if (next > top + 1)
    problems.push({ field: 'bands', message: `bands run past the highest possible score ${top}` });

  // The appetite must be monotone: once a band is unacceptable, every higher band is too.
  let unacceptableFrom: string | undefined;
  for (const { band, index } of sorted) {
    if (!band.acceptable) unacceptableFrom ??= band.name;
    else if (unacceptableFrom) {
      problems.push({
        field: `bands[${index}].acceptable`,
        message: `band '${band.name}' is acceptable but the lower band '${unacceptableFrom}' is not`,
      });
    }
  }
  return problems;
}

/** Refuses a methodology that is malformed or not yet approved: only an approved one may be used. */
export function requireUsableMethodology(method: Methodology): void {
  throwFirst(
    validateMethodology(method).map((p) => ({
      ...p,
      message: `risk methodology ${method.id} ${method.version}: ${p.message}`,
    })),
  );
  if (method.approval.state !== 'approved') {
    throw refuse(
      undefined,
      `risk methodology ${method.id} ${method.version} is ${method.approval.state}, not approved; approve it before using it for an assessment`,
    );
  }
}

export function bandFor(method: Methodology, score: number) {
  const band = method.bands.find((b) => b.min <= score && score <= b.max);
  if (!band) throw refuse('bands', `no band of ${method.id} ${method.version} covers score ${score}`);
  return band;
}

/** Position of a level in the methodology, low to high; -1 for a level it does not define. */
export function levelRank(method: Pick<Methodology, 'bands'>, level: string): number {
  return [...method.bands].sort((a, b) => a.min - b.min).findIndex((b) => b.name === level);
}

function checkOnScale(
  method: Methodology,
  scale: 'likelihood' | 'impact',
  value: number,
  field: string,
): void {
  const top = scaleMax(method[scale]);
  if (!Number.isInteger(value) || value < 1 || value > top) {
    throw refuse(field, `${value} is outside the ${scale} scale 1–${top} of ${method.id} ${method.version}`);
  }
}

/** Scores one rated risk. `field` prefixes error paths, e.g. 'risks[2]'. */
export function evaluateRisk(method: Methodology, rating: RiskRating, field = ''): RiskEvaluation {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  checkOnScale(method, 'likelihood', rating.likelihood, at('likelihood'));
  let worstConsequence = 0;
  let worstDimension: ConsequenceDimension | undefined;
  for (const dimension of method.dimensions) {
    const value = rating.consequences[dimension];
    if (value === undefined) continue;
    checkOnScale(method, 'impact', value, at(`consequences.${dimension}`));
    if (value > worstConsequence) {
      worstConsequence = value;
      worstDimension = dimension;
    }
  }
  for (const dimension of Object.keys(rating.consequences)) {
    if (!method.dimensions.includes(dimension as ConsequenceDimension)) {
      throw refuse(
        at(`consequences.${dimension}`),
        `${method.id} ${method.version} does not rate '${dimension}' (it rates ${method.dimensions.join(', ')})`,
      );
    }
  }
  if (!worstDimension) {
    throw refuse(at('consequences'), `rate at least one of ${method.dimensions.join(', ')}`);
  }
  const score = rating.likelihood * worstConsequence;
  const band = bandFor(method, score);
  return {
    score,
    level: band.name,
    acceptable: band.acceptable,
    responseDays: band.responseDays,
    worstConsequence,
    worstDimension,
  };
}

/** Evaluates every risk and numbers them by priority; refuses duplicate ids. */
export function evaluateRisks(
  method: Methodology,
  inputs: readonly RiskInput[],
  field = 'risks',
): IdentifiedRisk[] {
  const seen = new Set<string>();
  const evaluated = inputs.map((input, i) => {
    if (seen.has(input.id)) throw refuse(`${field}[${i}].id`, `risk id '${input.id}' is used twice`);
    seen.add(input.id);
    return { input, evaluation: evaluateRisk(method, input, `${field}[${i}]`) };
  });
  const order = [...evaluated].sort(
    (a, b) =>
      b.evaluation.score - a.evaluation.score ||
      b.evaluation.worstConsequence - a.evaluation.worstConsequence ||
      b.input.likelihood - a.input.likelihood ||
      (a.input.id < b.input.id ? -1 : 1),
  );
  const priority = new Map(order.map((e, i) => [e.input.id, i + 1]));
  return evaluated.map(({ input, evaluation }) => ({
    id: input.id,
    title: input.title,
    description: input.description ?? '',
    source: input.source,
    ...(input.sourceRef === undefined ? {} : { sourceRef: input.sourceRef }),
    likelihood: input.likelihood,
    consequences: { ...input.consequences },
    score: evaluation.score,
    level: evaluation.level,
    acceptable: evaluation.acceptable,
    priority: priority.get(input.id) ?? 0,
  }));
}

/** A 5×5 methodology with four bands; a draft until someone approves it. */
export function defaultRiskMethodology(
  options: { id?: string; version?: string; approval?: Draft<'risk-methodology'>['approval'] } = {},
): Draft<'risk-methodology'> {
  return {
    kind: 'risk-methodology',
    id: options.id ?? 'risk-method',
    version: options.version ?? '1.0',
    likelihood: [
      { value: 1, label: 'Rare', meaning: 'Not expected within five years' },
      { value: 2, label: 'Unlikely', meaning: 'Could happen once in five years' },
      { value: 3, label: 'Possible', meaning: 'Could happen once in two years' },
      { value: 4, label: 'Likely', meaning: 'Expected within a year' },
      { value: 5, label: 'Almost certain', meaning: 'Expected several times a year' },
    ],
    impact: [
      { value: 1, label: 'Negligible', meaning: 'No lasting effect on anyone' },
      { value: 2, label: 'Minor', meaning: 'Inconvenience, quickly corrected' },
      { value: 3, label: 'Moderate', meaning: 'Financial or service harm to some people' },
      { value: 4, label: 'Major', meaning: 'Unfair outcomes or regulatory breach for many' },
      { value: 5, label: 'Severe', meaning: 'Serious harm to individuals or society' },
    ],
    dimensions: ['organisation', 'individuals', 'society'],
    bands: [
      { name: 'low', min: 1, max: 4, acceptable: true, responseDays: 180 },
      { name: 'medium', min: 5, max: 9, acceptable: true, responseDays: 90 },
      { name: 'high', min: 10, max: 16, acceptable: false, responseDays: 30 },
      { name: 'critical', min: 17, max: 25, acceptable: false, responseDays: 7 },
    ],
    appetite: 'High and critical risks are not accepted without treatment.',
    reassessmentIntervalDays: 365,
    overdueAfterDays: 30,
    approval: options.approval ?? { state: 'draft' },
  };
}
