// The top-level fields each record kind has, their JSON types and whether a record always has them, as the
// model's schemas say (a test derives the same from the zod schemas). Kept free of zod (no import at all),
// because the record caches check their view lines against it on paths that must not load the validator.
import type { RecordKind } from '../model';

/** A JSON value's type as a field's schema allows it (`integer` is a number). */
export type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object';

/** Fields every record carries (RecordMeta). */
const META =
  'id: string, createdAt: string, updatedAt: string, createdBy: string, updatedBy: string, revision: number';

/**
 * Kind → its fields besides META and `kind`, as `name: type` (`name?` when a record may lack it), in schema
 * order. Changing a schema means changing this (the test that binds the two says how).
 */
const FIELDS: Record<RecordKind, string> = {
  'ai-system':
    'name: string, purpose: string, owner?: string, riskOwner?: string, lifecycleStage: string, deploymentStatus: string, inventoryState: string, inScope: boolean, scopeJustification?: string, components: array, sources: array, discoveryRoot?: string, lastSeen?: string, tags: array',
  'role-assignment': 'role: string, person: string, systemId?: string, communicated: boolean',
  document:
    'docType: string, title: string, version: string, clauses: array, approval: object, owner?: string, nextReview?: string, location?: object, contentHash?: string',
  'risk-methodology':
    'version: string, likelihood: array, impact: array, dimensions: array, bands: array, appetite: string, reassessmentIntervalDays: number, overdueAfterDays: number, approval: object',
  'risk-assessment':
    'systemId: string, assessedOn: string, assessor: string, methodologyId: string, methodologyVersion: string, systemSnapshot: object, impactAssessmentId?: string, risks: array, cause: string, approval: object',
  treatment:
    'systemId: string, riskAssessmentId: string, riskId: string, option: string, annexAControls: array, extraControls: array, plan: string, planOwner: string, dueOn: string, status: string, residual: object, residualAcceptance?: object, effectiveness?: object, jiraKey?: string',
  'impact-template': 'title: string, version: string, sections: array, thresholds: array, approval: object',
  'impact-assessment':
    'systemId: string, templateId: string, templateVersion: string, assessor: string, assessedOn: string, scope: string, purpose: string, intendedUses: array, unintendedUses: array, dataByStage: array, complexity: object, interestedParties: array, impacts: array, thresholdTier: string, answers?: object, systemFingerprint: string, cause: string, approval: object, nextReview: string',
  trigger:
    'systemId: string, type: string, before?: string, after?: string, detail: string, clauses: array, raisedOn: string, source: object, status: string, resolvedBy?: string, overdueSince?: string',
  'audit-programme':
    'title: string, frequencyMonths: number, methods: array, responsible: string, criteria: array, considerations: string',
  audit:
    'programmeId: string, title: string, scope: object, criteria: array, auditors: array, plannedOn: string, completedOn?: string, status: string, checklist: array, reportedTo?: string, reAuditOf?: string',
  finding:
    'auditId: string, grade: string, ref: string, systemId?: string, statement: string, evidenceIds: array, status: string, closedOn?: string, verifiedInAuditId?: string',
  'corrective-action':
    'findingId: string, rootCause: string, action: string, owner: string, dueOn: string, status: string, effectiveness?: object, jiraKey?: string',
  'management-review':
    'heldOn: string, chair: string, attendees: array, inputs: object, decisions: array, nextReviewOn: string',
  'soa-entry':
    'controlId: string, applicable: boolean, justification: string, status: string, owner?: string, riskIds: array, treatmentIds: array, evidenceIds: array, approval: object',
  evidence:
    'title: string, sourceTool: string, url: string, pinnedVersion: string, contentHash: string, capturedAt: string, clauses: array, controls: array, systemIds: array, freshForDays?: number, sourceVersion?: object, supersededBy?: object',
  'certification-plan':
    'certificationBody?: string, stage1On: string, stage2On: string, certificateOn?: string, note?: string',
  'context-issue':
    'nature: string, category: string, issue: string, effect: string, relevant: boolean, owner: string, reviewedOn: string, nextReview: string',
  'interested-party':
    'name: string, nature: string, requirements: array, changes: array, clauses: array, owner: string, reviewedOn: string, nextReview: string',
  'leadership-commitment':
    'type: string, statement: string, by: string, on: string, reviewId?: string, decisionId?: string, resources?: string',
  'aims-risk':
    'type: string, description: string, arisesFrom: array, action: string, effectivenessMethod: string, owner: string, dueOn: string, status: string, effectiveness?: object',
  'aims-change':
    'title: string, purpose: string, consequences: string, resources?: string, owner: string, plannedOn: string, status: string, approval: object, doneOn?: string',
  resource:
    'category: string, description: string, systemIds: array, owner: string, reviewedOn: string, nextReview: string',
  awareness:
    'topics: array, audience: string, method: string, deliveredOn: string, reached: number, audienceSize: number, owner: string, nextOn: string',
  communication:
    'what: string, direction: string, withWhom: string, how: string, everyDays: number, owner: string, lastOn?: string',
  'monitoring-plan':
    'what: string, method: string, everyDays: number, measuredBy: string, analysedBy: string, target: string, clauses: array, systemIds: array, approval: object',
  measurement:
    'planId: string, measuredOn: string, value: string, meetsTarget: boolean, analysis: string, evidenceIds: array',
  improvement:
    'source: string, sourceRef: string, raisedOn: string, description: string, decision?: object, owner: string, status: string',
};

/** One field of a record kind: its JSON type and whether every record of the kind has it. */
export interface RecordField {
  type: JsonType;
  required: boolean;
}

const parsed = new Map<RecordKind, ReadonlyMap<string, RecordField>>();

/**
 * The top-level fields of a record kind (`kind` left out), name → JSON type and whether required, as the
 * kind's schema gives its output (a validated record). Parsed once per kind.
 */
export function recordFieldsOf(kind: RecordKind): ReadonlyMap<string, RecordField> {
  let fields = parsed.get(kind);
  if (!fields) {
    const map = new Map<string, RecordField>();
    for (const part of `${META}, ${FIELDS[kind]}`.split(', ')) {
      const [name, type] = part.split(': ') as [string, JsonType];
      const required = !name.endsWith('?');
      map.set(required ? name : name.slice(0, -1), { type, required });
    }
    parsed.set(kind, (fields = map));
  }
  return fields;
}
