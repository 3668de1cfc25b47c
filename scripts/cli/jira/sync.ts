// `aims jira sync`: for every epic linked to a system on this site — read the AIMS property back and
// rewrite it when it drifted from the register; turn new changelog entries into reassessment triggers by
// the rules; and, with --project, run the remediation round-trip. Each item is recorded as soon as it is
// done, so a run that fails halfway keeps what it finished and a rerun completes the rest.
import {
  ChangeRules,
  DEFAULT_CHANGE_RULES,
  changeEvidence,
  matchChanges,
  triggerFor,
  type ChangeRule,
} from '../../../connectors/jira/change-triggers';
import type { JiraApi } from '../../../connectors/jira/client';
import { AIMS_PROPERTY } from '../../../connectors/jira/discover';
import { compareProperty, linkGlobalId, propertyFor } from '../../../connectors/jira/link';
import {
  remediationRecords,
  syncRemediation,
  type RemediationConfig,
  type RemediationResult,
} from '../../../connectors/jira/remediation';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import type { Register } from '../../../shared/register';
import { JiraError, type JiraFailure } from '../../../connectors/jira/errors';
import { UserError, type CommandIO } from '../command';
import { LINK_LABEL, linkAndRecord, recordUrlFor, statusOrUserError } from './link';
import { printable } from './connect';
import { recordThroughRules, updateThroughRules, type RuleContext } from './rules-write';

export interface LinkedEpicRef {
  key: string;
  systemId: string;
}

/** Epics on this site that register systems link to (their Jira source links). */
export async function linkedEpics(register: Register, siteUrl: string): Promise<LinkedEpicRef[]> {
  const prefix = `${siteUrl}/browse/`;
  const out: LinkedEpicRef[] = [];
  for (const system of await register.list('ai-system')) {
    for (const source of system.sources) {
      // Only epics `aims jira link` linked: tickets that discovery read are sources, not links.
      if (source.tool !== 'jira' || source.label !== LINK_LABEL || !source.url.startsWith(prefix)) continue;
      const key = decodeURIComponent(source.url.slice(prefix.length));
      if (/^[A-Z][A-Z0-9_]*-[1-9]\d*$/.test(key)) out.push({ key, systemId: system.id });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key) || a.systemId.localeCompare(b.systemId));
}

export interface SyncReport {
  inStep: string[];
  rewritten: string[];
  triggers: string[];
  /** Epics a step could not finish (Jira refused, the register refused): reported, skipped, retried next run. */
  failed: { key: string; step: string; message: string }[];
  remediation?: RemediationResult;
}

/**
 * Runs one epic's step; a failure that concerns only this epic (a JiraError, a write rule's refusal) is
 * reported and the run goes on with the next epic. A failure the next epic would meet too (credentials,
 * permissions, rate limit past its wait) stops the run.
 */
async function perEpic(
  epic: LinkedEpicRef,
  step: string,
  io: CommandIO,
  report: SyncReport,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof JiraError && STOPS_THE_RUN.has(error.failure)) throw error;
    if (!(error instanceof JiraError) && !(error instanceof UserError)) throw error;
    const message = printable(error.message);
    report.failed.push({ key: epic.key, step, message });
    io.err(`jira: ${epic.key}: ${step} failed, skipped: ${message}`);
  }
}

/** Failures that are about the account or the site, not one epic. */
const STOPS_THE_RUN: ReadonlySet<JiraFailure> = new Set(['unauthorized', 'rate-limited', 'network']);

/** Reads each linked epic's property back and, when absent or drifted, writes link and property again. */
export async function reconcileProperties(
  api: JiraApi,
  register: Register,
  epics: readonly LinkedEpicRef[],
  ctx: RuleContext,
  io: CommandIO,
  report: SyncReport,
): Promise<void> {
  for (const epic of epics) await perEpic(epic, 'property check', io, report, () => reconcileOne(epic));

  async function reconcileOne(epic: LinkedEpicRef): Promise<void> {
    const snapshot = await loadSnapshot(register);
    const status = statusOrUserError(snapshot, epic.systemId, ctx.today);
    const expected = propertyFor(status);
    const reading = compareProperty(await api.getProperty(epic.key, AIMS_PROPERTY), expected);
    const links = await api.remoteLinks(epic.key);
    const linkThere = links.some((l) => l.globalId === linkGlobalId(epic.systemId));
    if (reading.state === 'in-step' && linkThere) {
      report.inStep.push(epic.key);
      return;
    }
    const why =
      reading.state === 'drifted'
        ? `property drifted (${reading.fields.join(', ')})`
        : reading.state === 'in-step'
          ? 'remote link missing'
          : `property ${reading.state}`;
    io.err(`jira: ${epic.key}: ${why}; writing the register's status again`);
    const system = snapshot['ai-system'].find((s) => s.id === epic.systemId);
    if (!system) return;
    // The link Jira still has, else the address stored when the epic was linked (the link may be deleted).
    const existing = links.find((l) => l.globalId === linkGlobalId(epic.systemId))?.url;
    const recordUrl = existing ?? recordUrlFor(system, undefined, { siteUrl: api.siteUrl, key: epic.key });
    await linkAndRecord(api, register, { key: epic.key, system, status, recordUrl }, ctx);
    report.rewritten.push(epic.key);
  }
}

/** New changelog entries of each linked epic → triggers (with the entry as evidence), by the rules. */
export async function changeTriggers(
  api: JiraApi,
  register: Register,
  epics: readonly LinkedEpicRef[],
  rules: readonly ChangeRule[],
  ctx: RuleContext,
  io: CommandIO,
  report: SyncReport,
): Promise<void> {
  const evidence = await register.list('evidence');
  for (const epic of epics) await perEpic(epic, 'change triggers', io, report, () => triggersOf(epic));

  async function triggersOf(epic: LinkedEpicRef): Promise<void> {
    const linkedAt = evidence
      .filter(
        (e) =>
          e.sourceTool === 'jira' &&
          e.systemIds.includes(epic.systemId) &&
          e.title.startsWith(`Jira ${epic.key} linked`),
      )
      .map((e) => e.createdAt)
      .sort()[0];
    const changes = await api.changelog(epic.key);
    for (const match of matchChanges(changes, rules, linkedAt)) {
      const draft = triggerFor(api.siteUrl, epic.key, epic.systemId, match, ctx.today);
      if (await register.get('trigger', draft.id)) continue;
      await recordThroughRules(
        register,
        'evidence',
        { ...changeEvidence(api.siteUrl, epic.key, match.change, epic.systemId, ctx.now) },
        ctx,
      );
      await recordThroughRules(register, 'trigger', { ...draft }, ctx);
      report.triggers.push(`${draft.id} ${printable(draft.detail)}`);
    }
  }
}

/** Open corrective actions and treatments ↔ Jira issues; status back through the write rules. */
export async function remediation(
  api: JiraApi,
  register: Register,
  config: RemediationConfig,
  ctx: RuleContext,
  io: CommandIO,
): Promise<RemediationResult> {
  const records = remediationRecords(await loadSnapshot(register));
  return syncRemediation(
    api,
    records,
    config,
    async (update) => {
      await updateThroughRules(register, update.kind, update.id, update.changes, {
        ...ctx,
        cause: `${ctx.cause}: ${update.summary}`,
      });
    },
    (line) => io.err(printable(line)),
  );
}

/** Rules from a parsed file, or the defaults; a bad rule is named. */
export function rulesFrom(value: unknown): ChangeRule[] {
  if (value === undefined) return DEFAULT_CHANGE_RULES;
  const list = Array.isArray(value) ? value : (value as { rules?: unknown } | null)?.rules;
  const parsed = ChangeRules.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`rule ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
