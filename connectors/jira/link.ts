// Epic ↔ assessment link (clauses 8.2, 8.4, 7.5.3): a Jira remote link on the epic pointing at the
// system's AIMS record, and an issue property holding the AIMS status the PM sees. The remote link's
// global id is stable per system, so linking again updates the link instead of adding a second one.
// The property is read back on every sync: the register is the truth, a drifted property is rewritten.
import { z } from 'zod';
import type { Draft } from '../../shared/model';
import { assessmentStatus, systemRiskLevel, type AssessmentState } from '../../shared/processes/reassessment';
import type { RegisterSnapshot } from '../../shared/processes/snapshot';
import { canonicalJson, sha256Hex } from '../../shared/register/hash';
import type { JiraApi, RemoteLinkRequest } from './client';
import { browseUrl } from './config';
import { AIMS_PROPERTY } from './discover';

const State = z.enum(['missing', 'current', 'stale', 'due', 'in-progress', 'overdue']);

/** The issue property's value (version 1). Anything else found under the key reads as unreadable. */
export const AimsProperty = z.object({
  version: z.literal(1),
  systemId: z.string().min(1).max(120),
  systemName: z.string().max(300),
  assessmentId: z.string().max(120).optional(),
  riskLevel: z.string().max(60).optional(),
  riskAssessment: State,
  impactAssessment: State,
  /** The remote link this property belongs to. */
  globalId: z.string().max(255),
});
export type AimsProperty = z.infer<typeof AimsProperty>;

export interface AimsStatus {
  systemId: string;
  systemName: string;
  assessmentId?: string;
  riskLevel?: string;
  riskAssessment: AssessmentState;
  impactAssessment: AssessmentState;
}

/** The global id of the link from an epic to a system: one per system, stable across runs. */
export const linkGlobalId = (systemId: string): string => `aims-lens:ai-system:${systemId}`;

/**
 * The system's AIMS status as the register says it today: risk level and both assessment states
 * (8.2 risk, 8.4 impact). `assessmentId`, when given, must be a risk or impact assessment of the system.
 * Throws Error naming the problem when the system or assessment is unknown.
 */
export function aimsStatusOf(
  snapshot: RegisterSnapshot,
  systemId: string,
  today: string,
  assessmentId?: string,
): AimsStatus {
  const system = snapshot['ai-system'].find((s) => s.id === systemId);
  if (!system) throw new Error(`no AI system '${systemId}' in the register`);
  if (assessmentId) {
    const assessment =
      snapshot['risk-assessment'].find((a) => a.id === assessmentId) ??
      snapshot['impact-assessment'].find((a) => a.id === assessmentId);
    if (!assessment) throw new Error(`no risk or impact assessment '${assessmentId}' in the register`);
    if (assessment.systemId !== systemId)
      throw new Error(
        `assessment '${assessmentId}' is of system '${assessment.systemId}', not '${systemId}'`,
      );
  }
  const risk = assessmentStatus(snapshot, systemId, 'risk', today);
  const status: AimsStatus = {
    systemId,
    systemName: system.name,
    riskAssessment: risk.state,
    impactAssessment: assessmentStatus(snapshot, systemId, 'impact', today).state,
  };
  const chosen = assessmentId ?? risk.latestId;
  if (chosen) status.assessmentId = chosen;
  const level = systemRiskLevel(snapshot, systemId, today);
  if (level) status.riskLevel = level;
  return status;
}

export function propertyFor(status: AimsStatus): AimsProperty {
  const property: AimsProperty = {
    version: 1,
    systemId: status.systemId,
    systemName: status.systemName,
    riskAssessment: status.riskAssessment,
    impactAssessment: status.impactAssessment,
    globalId: linkGlobalId(status.systemId),
  };
  if (status.assessmentId) property.assessmentId = status.assessmentId;
  if (status.riskLevel) property.riskLevel = status.riskLevel;
  return property;
}

/** One line for people: 'risk high · risk assessment current · impact assessment due'. */
export function statusLine(
  status: Pick<AimsStatus, 'riskLevel' | 'riskAssessment' | 'impactAssessment'>,
): string {
  return `risk ${status.riskLevel ?? 'not assessed'} · risk assessment ${status.riskAssessment} · impact assessment ${status.impactAssessment}`;
}

/** The remote link Jira shows on the epic: the system's record, its status as the summary. */
export function remoteLinkFor(status: AimsStatus, recordUrl: string): RemoteLinkRequest {
  const resolved = status.riskAssessment === 'current' && status.impactAssessment === 'current';
  return {
    globalId: linkGlobalId(status.systemId),
    relationship: 'AI system assessed in',
    application: { type: 'com.aimslens', name: 'AIMS Lens' },
    object: {
      url: recordUrl,
      title: `AI system: ${status.systemName}`.slice(0, 255),
      summary: statusLine(status).slice(0, 255),
      status: { resolved },
    },
  };
}

export interface LinkOutcome {
  key: string;
  globalId: string;
  remoteLinkId?: number;
  property: AimsProperty;
  /** The evidence item that records the link, pinned to the epic's newest changelog entry. */
  evidence: Draft<'evidence'>;
}

/**
 * Writes the remote link and the property on `key`, then reads the epic's changelog to pin the evidence.
 * `recordUrl` is where the link points (the system's page in the AIMS, or its source). Throws JiraError.
 */
export async function linkEpic(
  api: JiraApi,
  input: { key: string; status: AimsStatus; recordUrl: string; now: string },
): Promise<LinkOutcome> {
  const link = remoteLinkFor(input.status, input.recordUrl);
  const property = propertyFor(input.status);
  const written = await api.upsertRemoteLink(input.key, link);
  await api.setProperty(input.key, AIMS_PROPERTY, property);
  const changes = await api.changelog(input.key);
  const pinned = changes[changes.length - 1]?.id ?? 'created';
  const outcome: LinkOutcome = {
    key: input.key,
    globalId: link.globalId,
    property,
    evidence: linkEvidence(
      api.siteUrl,
      input.key,
      input.status.systemId,
      pinned,
      { link, property },
      input.now,
    ),
  };
  if (written.id !== undefined) outcome.remoteLinkId = written.id;
  return outcome;
}

/** The register's record of a link: one item per epic and system, re-pinned when what was written changes. */
export function linkEvidence(
  siteUrl: string,
  key: string,
  systemId: string,
  changelogId: string,
  written: unknown,
  now: string,
): Draft<'evidence'> {
  return {
    kind: 'evidence',
    id: `ev-jira-link-${sha256Hex(`${siteUrl}\u0000${key}\u0000${systemId}`).slice(0, 20)}`,
    title: `Jira ${key} linked to AI system ${systemId}`,
    sourceTool: 'jira',
    url: browseUrl(siteUrl, key),
    pinnedVersion: changelogId,
    contentHash: sha256Hex(canonicalJson(written)),
    capturedAt: now,
    clauses: ['8.2', '8.4'],
    controls: ['A.5.2'],
    systemIds: [systemId],
  };
}

export type PropertyReading =
  | { state: 'absent' }
  | { state: 'unreadable' }
  | { state: 'in-step'; property: AimsProperty }
  | { state: 'drifted'; property: AimsProperty; expected: AimsProperty; fields: string[] };

/** Compares what the epic's property says with the register's status. Pure. */
export function compareProperty(found: unknown, expected: AimsProperty): PropertyReading {
  if (found === undefined) return { state: 'absent' };
  const parsed = AimsProperty.safeParse(found);
  if (!parsed.success) return { state: 'unreadable' };
  const property = parsed.data;
  const keys = new Set([...Object.keys(property), ...Object.keys(expected)]) as Set<keyof AimsProperty>;
  const fields = [...keys]
    .filter((k) => canonicalJson(property[k] ?? null) !== canonicalJson(expected[k] ?? null))
    .sort();
  return fields.length === 0
    ? { state: 'in-step', property }
    : { state: 'drifted', property, expected, fields };
}
