// Clauses 6.1.4 and 8.4, shaped by ISO/IEC 42005: an AI system impact assessment checked against the
// template version it answers, its threshold tier derived from the template, its approval, and the
// fingerprint of the system it assessed (so a later component change shows up as staleness).
import type {
  AiSystem,
  Autonomy,
  Component,
  DataSensitivity,
  Draft,
  ImpactAssessment,
  ImpactTemplate,
  LifecycleStage,
  ThresholdTier,
} from '../model';
import { LifecycleStage as Stages } from '../model';
import { addDays } from './days';
import { throwFirst, type Problem, refuse } from '../model';
import { latestAssessment } from './assessments';
import { byId } from './lookup';
import { holdsRole, inScopeSystems } from './roles';
import type { RegisterSnapshot } from './snapshot';
import { compareVersions } from './versions';

/**
 * A stable fingerprint of what a system is made of: its models (with provider and content hash),
 * providers and datasets (with pinned version), sorted, so the order of discovery does not matter.
 * Pinning style is left out on purpose: it says how a model is referenced, not which one runs.
 */
export function systemFingerprint(components: readonly Component[]): string {
  const parts = components.map((c) => {
    switch (c.kind) {
      case 'model':
        return `model:${c.provider ?? '?'}/${c.id}${c.contentHash ? `#${c.contentHash}` : ''}`;
      case 'provider':
        return `provider:${c.id}`;
      case 'dataset':
        return `dataset:${c.id}${c.pinnedVersion ? `@${c.pinnedVersion}` : ''}`;
    }
  });
  const unique = [...new Set(parts)].sort();
  return unique.length > 0 ? unique.join('|') : '(no components)';
}

const SENSITIVITY: readonly DataSensitivity[] = [
  'none',
  'public',
  'internal',
  'confidential',
  'personal',
  'special-category',
];
const AUTONOMY: readonly Autonomy[] = ['human-in-the-loop', 'human-on-the-loop', 'autonomous'];
const TIERS: readonly ThresholdTier[] = ['standard', 'sensitive', 'restricted'];

export const tierRank = (tier: ThresholdTier) => TIERS.indexOf(tier);

interface Assessed {
  dataByStage: ReadonlyArray<{ sensitivity: DataSensitivity }>;
  complexity: { autonomy: Autonomy };
  impacts: ReadonlyArray<{ nature: 'benefit' | 'harm'; severity: number }>;
}

/** The tier the template's thresholds (42005 5.7) place an assessment in, and why. */
export function deriveThresholdTier(
  template: Pick<ImpactTemplate, 'thresholds'>,
  assessment: Assessed,
): { tier: ThresholdTier; because: string[] } {
  const sensitivity = Math.max(0, ...assessment.dataByStage.map((d) => SENSITIVITY.indexOf(d.sensitivity)));
  const autonomy = AUTONOMY.indexOf(assessment.complexity.autonomy);
  const harm = Math.max(0, ...assessment.impacts.filter((i) => i.nature === 'harm').map((i) => i.severity));
  let tier: ThresholdTier = 'standard';
  let because: string[] = [];
  for (const threshold of template.thresholds) {
    const rule = threshold.rule;
    if (!rule || tierRank(threshold.tier) <= tierRank(tier)) continue;
    const reasons: string[] = [];
    if (rule.dataSensitivityAtLeast && sensitivity >= SENSITIVITY.indexOf(rule.dataSensitivityAtLeast)) {
      reasons.push(`data is ${SENSITIVITY[sensitivity]}`);
    }
    if (rule.autonomyAtLeast && autonomy >= AUTONOMY.indexOf(rule.autonomyAtLeast)) {
      reasons.push(`autonomy is ${assessment.complexity.autonomy}`);
    }
    if (rule.harmSeverityAtLeast !== undefined && harm >= rule.harmSeverityAtLeast) {
      reasons.push(`a harm has severity ${harm}`);
    }
    if (reasons.length > 0) {
      tier = threshold.tier;
      because = reasons;
    }
  }
  return { tier, because };
}

/** Problems in a template: repeated section ids or tiers. */
export function validateTemplate(template: Pick<ImpactTemplate, 'sections' | 'thresholds'>): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  template.sections.forEach((s, i) => {
    if (ids.has(s.id))
      problems.push({ field: `sections[${i}].id`, message: `section '${s.id}' appears twice` });
    ids.add(s.id);
  });
  const tiers = new Set<string>();
  template.thresholds.forEach((t, i) => {
    if (tiers.has(t.tier))
      problems.push({ field: `thresholds[${i}].tier`, message: `tier '${t.tier}' appears twice` });
    tiers.add(t.tier);
  });
  return problems;
}

type AssessmentBody = Omit<Draft<'impact-assessment'>, 'kind'>;

/** Whether a template section is answered: structured ISO/IEC 42005 elements by their fields, others by text. */
function sectionProblem(section: ImpactTemplate['sections'][number], a: AssessmentBody): Problem | undefined {
  const text = a.answers?.[section.id]?.trim();
  const missing = (field: string, what: string): Problem => ({
    field,
    message: `template section '${section.title}' (${section.element ?? section.id}) is required: ${what}`,
  });
  switch (section.element) {
    case '6.2':
      return a.scope.trim() ? undefined : missing('scope', 'state the scope');
    case '6.3':
      if (!a.purpose.trim()) return missing('purpose', 'state the purpose');
      if (a.intendedUses.length === 0) return missing('intendedUses', 'list the intended uses');
      return a.unintendedUses.length === 0
        ? missing('unintendedUses', 'list foreseeable unintended uses or misuse')
        : undefined;
    case '6.4':
      return undefined; // checked for every assessment, below
    case '6.7':
      return a.interestedParties.length === 0
        ? missing('interestedParties', 'name the interested parties')
        : undefined;
    case '6.8':
      return a.impacts.length === 0 ? missing('impacts', 'record actual and foreseeable impacts') : undefined;
    case '6.9': {
      const index = a.impacts.findIndex((i) => i.nature === 'harm' && (i.measures ?? []).length === 0);
      return index >= 0
        ? missing(`impacts[${index}].measures`, 'give at least one measure for every harm')
        : undefined;
    }
    default:
      return text ? undefined : missing(`answers.${section.id}`, 'answer it');
  }
}

/**
 * Everything wrong with an assessment against the template version it answers: the version must be
 * the template's approved current one, required sections answered, data sensitivity stated for
 * every lifecycle stage, parties and impacts present, and the tier not below what the thresholds give.
 */
export function validateImpactAssessment(
  assessment: AssessmentBody,
  template: Pick<ImpactTemplate, 'id' | 'version' | 'sections' | 'thresholds' | 'approval'>,
): Problem[] {
  if (assessment.templateId !== template.id) {
    return [
      { field: 'templateId', message: `expected template '${template.id}', got '${assessment.templateId}'` },
    ];
  }
  if (template.approval.state !== 'approved') {
    return [
      {
        field: 'templateId',
        message: `template ${template.id} ${template.version} is ${template.approval.state}, not approved`,
      },
    ];
  }
  if (assessment.templateVersion !== template.version) {
    return [
      {
        field: 'templateVersion',
        message: `template ${template.id} is at version ${template.version}; answer that version, not ${assessment.templateVersion}`,
      },
    ];
  }
  const problems: Problem[] = [];
  for (const section of template.sections.filter((s) => s.required)) {
    const problem = sectionProblem(section, assessment);
    if (problem) problems.push(problem);
  }
  const seen = new Set<LifecycleStage>();
  assessment.dataByStage.forEach((d, i) => {
    if (seen.has(d.stage))
      problems.push({ field: `dataByStage[${i}].stage`, message: `stage '${d.stage}' appears twice` });
    seen.add(d.stage);
  });
  const absent = Stages.options.filter((s) => !seen.has(s));
  if (absent.length > 0) {
    problems.push({
      field: 'dataByStage',
      message: `state data sensitivity for every lifecycle stage; missing ${absent.join(', ')} (use 'none' where a stage handles no data)`,
    });
  }
  if (assessment.interestedParties.length === 0) {
    problems.push({ field: 'interestedParties', message: 'name at least one interested party (42005 6.7)' });
  }
  if (assessment.impacts.length === 0)
    problems.push({ field: 'impacts', message: 'record at least one impact (42005 6.8)' });
  const derived = deriveThresholdTier(template, assessment);
  if (tierRank(assessment.thresholdTier) < tierRank(derived.tier)) {
    problems.push({
      field: 'thresholdTier',
      message: `template ${template.id} ${template.version} places this system at '${derived.tier}' (${derived.because.join(', ')}), not '${assessment.thresholdTier}'`,
    });
  }
  return problems;
}

export type ImpactAssessmentInput = Omit<
  AssessmentBody,
  | 'id'
  | 'systemId'
  | 'templateId'
  | 'templateVersion'
  | 'assessor'
  | 'assessedOn'
  | 'systemFingerprint'
  | 'cause'
  | 'approval'
  | 'nextReview'
  | 'thresholdTier'
> & { thresholdTier?: ThresholdTier; nextReview?: string };

/** Plans an impact assessment as a draft: tier derived from the template unless stated, fingerprint filled. */
export function planImpactAssessment(
  system: Pick<AiSystem, 'id' | 'components'>,
  template: ImpactTemplate,
  input: ImpactAssessmentInput,
  options: { assessor: string; today: string; cause: string; id?: string; reviewIntervalDays?: number },
): Draft<'impact-assessment'> {
  const body = {
    ...input,
    thresholdTier: input.thresholdTier ?? deriveThresholdTier(template, input).tier,
  };
  const draft: Draft<'impact-assessment'> = {
    kind: 'impact-assessment',
    id: options.id ?? `ia-${system.id}-${options.today}`,
    systemId: system.id,
    templateId: template.id,
    templateVersion: template.version,
    assessor: options.assessor,
    assessedOn: options.today,
    ...body,
    systemFingerprint: systemFingerprint(system.components),
    cause: options.cause,
    approval: { state: 'draft' },
    nextReview: input.nextReview ?? addDays(options.today, options.reviewIntervalDays ?? 365),
  };
  throwFirst(validateImpactAssessment(draft, template));
  return draft;
}

/** Who may approve an impact assessment: the impact-assessment owner, or the system's owner or risk owner. */
export function mayApproveImpactAssessment(
  snapshot: RegisterSnapshot,
  person: string,
  system: AiSystem,
): boolean {
  return (
    person === system.owner ||
    person === system.riskOwner ||
    holdsRole(snapshot, person, 'impact-assessment-owner')
  );
}

/**
 * Approves an assessment (42005 5.11): it must still validate against its template, the approver
 * must have the authority, and the fingerprint is taken from the system as it is at approval.
 */
export function approveImpactAssessment(
  assessment: Draft<'impact-assessment'>,
  context: {
    snapshot: RegisterSnapshot;
    template: ImpactTemplate;
    system: AiSystem;
    approver: string;
    at: string;
    note?: string;
  },
): Draft<'impact-assessment'> {
  const { snapshot, template, system, approver } = context;
  if (assessment.systemId !== system.id) {
    throw refuse('systemId', `assessment ${assessment.id} is for ${assessment.systemId}, not ${system.id}`);
  }
  throwFirst(validateImpactAssessment(assessment, template));
  if (!mayApproveImpactAssessment(snapshot, approver, system)) {
    throw refuse(
      'approvedBy',
      `${approver} may not approve impact assessments of ${system.name}: only its owner, its risk owner or the impact-assessment owner may`,
    );
  }
  return {
    ...assessment,
    systemFingerprint: systemFingerprint(system.components),
    approval: {
      state: 'approved',
      approvedBy: approver,
      approvedAt: context.at,
      ...(context.note ? { note: context.note } : {}),
    },
  };
}

/** Latest approved assessments of in-scope systems that answer an older version of an approved template. */
export function assessmentsOnOlderTemplate(snapshot: RegisterSnapshot): ImpactAssessment[] {
  const out: ImpactAssessment[] = [];
  for (const system of inScopeSystems(snapshot)) {
    const latest = latestAssessment(snapshot, system.id, 'impact');
    if (!latest) continue;
    const template = byId.first(snapshot['impact-template'], latest.templateId);
    if (
      template?.approval.state === 'approved' &&
      compareVersions(latest.templateVersion, template.version) < 0
    ) {
      out.push(latest);
    }
  }
  return out;
}
