// Remediation round-trip (clauses 6.1.3, 8.3, 10.2): each open corrective action and risk treatment gets
// a Jira issue in a configured project and issue type; the key is kept on the record; when Jira says the
// issue is done, the record moves on (treatment → implemented, corrective action → done), with its
// effectiveness check still pending. Every register change goes through the caller's write rules.
import type { CorrectiveAction, RiskTreatment } from '../../shared/model';
import type { RegisterSnapshot } from '../../shared/processes/snapshot';
import type { JiraApi } from './client';
import { JiraError } from './errors';
import type { JiraIssue } from './payloads';
import type { JiraLog } from './retry';

export interface RemediationConfig {
  projectKey: string;
  issueType: string;
}

export type RemediationRecord =
  { kind: 'corrective-action'; record: CorrectiveAction } | { kind: 'treatment'; record: RiskTreatment };

/** A change to one record, for the caller to write through the register's rules for its kind. */
export interface RecordUpdate {
  kind: 'corrective-action' | 'treatment';
  id: string;
  /** Fields to change on the stored record. */
  changes: { jiraKey?: string; status?: string };
  summary: string;
}

/** Writes one update (through the write rules for its kind) in its own transaction. */
export type RecordUpdater = (update: RecordUpdate) => Promise<void>;

/** The label that finds a record's issue again, even when its key never reached the register. */
export const recordLabel = (id: string): string =>
  `aims-${id}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 255);
export const REMEDIATION_LABEL = 'aims-remediation';

const OPEN_TREATMENT = new Set(['planned', 'in-progress']);

/** Records that need a Jira issue or a status check: open corrective actions and unfinished treatments. */
export function remediationRecords(snapshot: RegisterSnapshot): RemediationRecord[] {
  return [
    ...snapshot['corrective-action']
      .filter((a) => a.status === 'open')
      .map((record) => ({ kind: 'corrective-action' as const, record })),
    ...snapshot.treatment
      .filter((t) => OPEN_TREATMENT.has(t.status) && t.option !== 'accept')
      .map((record) => ({ kind: 'treatment' as const, record })),
  ];
}

function issueText(item: RemediationRecord): { summary: string; description: string } {
  if (item.kind === 'corrective-action') {
    const a = item.record;
    return {
      summary: `Corrective action: ${a.action}`.slice(0, 250),
      description: [
        `Corrective action ${a.id} for audit finding ${a.findingId} (ISO/IEC 42001 clause 10.2).`,
        `Root cause: ${a.rootCause}`,
        `Owner: ${a.owner}; due ${a.dueOn}.`,
        'Recorded by AIMS Lens: when this issue is done, the action is marked done and its effectiveness check becomes due.',
      ].join('\n'),
    };
  }
  const t = item.record;
  return {
    summary: `Risk treatment: ${t.plan}`.slice(0, 250),
    description: [
      `Treatment ${t.id} of risk ${t.riskId} on AI system ${t.systemId} (${t.option}; clauses 6.1.3, 8.3).`,
      `Controls: ${[...t.annexAControls, ...t.extraControls].join(', ') || 'none'}.`,
      `Plan owner: ${t.planOwner}; due ${t.dueOn}.`,
      'Recorded by AIMS Lens: when this issue is done, the treatment is marked implemented and its effectiveness check becomes due.',
    ].join('\n'),
  };
}

/** The record status Jira's state implies, or undefined when nothing changes. Pure. */
export function statusFromJira(
  item: RemediationRecord,
  issue: Pick<JiraIssue, 'status'>,
): string | undefined {
  if (issue.status.category !== 'done') return undefined;
  if (item.kind === 'treatment') return OPEN_TREATMENT.has(item.record.status) ? 'implemented' : undefined;
  return item.record.status === 'open' ? 'done' : undefined;
}

export interface RemediationResult {
  created: string[];
  /** Issues found by label whose key the register had lost (a run that failed between create and record). */
  recovered: string[];
  updated: string[];
  failed: { id: string; message: string }[];
}

/**
 * For each record: find or create its issue and record the key at once (so a failure later loses nothing),
 * then move the record on if its issue is done. A failure on one record is reported and the others proceed;
 * a failure that means every call will fail (401, 403) stops the run. Throws JiraError only for those.
 */
export async function syncRemediation(
  api: JiraApi,
  records: readonly RemediationRecord[],
  config: RemediationConfig,
  update: RecordUpdater,
  log: JiraLog,
): Promise<RemediationResult> {
  const result: RemediationResult = { created: [], recovered: [], updated: [], failed: [] };
  for (const item of records) {
    const id = item.record.id;
    try {
      let key = item.record.jiraKey;
      if (!key) {
        const label = recordLabel(id);
        const found = await api.searchPage(
          `labels = "${label}" ORDER BY created ASC`,
          api.flavour === 'cloud' ? { kind: 'token' } : { kind: 'offset', startAt: 0 },
        );
        key = found.issues[0]?.key;
        if (key) {
          result.recovered.push(key);
        } else {
          const text = issueText(item);
          key = (
            await api.createIssue({
              projectKey: config.projectKey,
              issueType: config.issueType,
              labels: [REMEDIATION_LABEL, label],
              ...text,
            })
          ).key;
          result.created.push(key);
        }
        log(`jira: ${item.kind} ${id} → ${key}`);
        await update({
          kind: item.kind,
          id,
          changes: { jiraKey: key },
          summary: `${item.kind} ${id} tracked in Jira ${key}`,
        });
      }
      const issue = await api.getIssue(key);
      const status = statusFromJira(item, issue);
      if (status) {
        await update({
          kind: item.kind,
          id,
          changes: { jiraKey: key, status },
          summary: `${item.kind} ${id} ${item.record.status} → ${status}: Jira ${key} is ${issue.status.name || 'done'}; effectiveness check pending`,
        });
        result.updated.push(id);
      }
    } catch (error) {
      if (error instanceof JiraError && (error.failure === 'unauthorized' || error.failure === 'forbidden'))
        throw error;
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ id, message });
      log(`jira: ${item.kind} ${id}: ${message}`);
    }
  }
  return result;
}
