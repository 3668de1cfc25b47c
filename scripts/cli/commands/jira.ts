// `aims jira discover | link | sync`: AI systems from tickets, epic ↔ assessment links, change triggers
// and the remediation round-trip (clauses 4.3, 6.1.3, 8.2, 8.3, 8.4, 10.2).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ISSUE_KEY, type JiraApi } from '../../../connectors/jira/client';
import { DEFAULT_JQL } from '../../../connectors/jira/config';
import { stringOption, UserError, type Command, type CommandArgs, type CommandIO } from '../command';
import { CREDENTIAL_HELP, SITE_OPTIONS, connect, jiraCall, printable } from '../jira/connect';
import { discoverTickets } from '../jira/discover';
import { describeLink, linkAndRecord, recordUrlFor, statusOrUserError } from '../jira/link';
import type { RuleContext } from '../jira/rules-write';
import {
  changeTriggers,
  linkedEpics,
  reconcileProperties,
  remediation,
  rulesFrom,
  type SyncReport,
} from '../jira/sync';
import { SERVICE_EXIT_HELP } from '../service-exit';
import { TODAY_OPTION, WORKSPACE_OPTION, todayOption, workspaceSnapshot } from './evaluation-options';

const ACTOR = 'aims-jira';

function ruleContext(args: CommandArgs, io: CommandIO, cause: string): RuleContext {
  return {
    today: todayOption(args, io),
    now: io.now().toISOString(),
    actor: stringOption(args, 'actor') ?? process.env.AIMS_ACTOR ?? ACTOR,
    cause,
  };
}

async function readRules(args: CommandArgs, io: CommandIO) {
  const file = stringOption(args, 'rules');
  if (!file) return rulesFrom(undefined);
  const text = await readFile(resolve(io.cwd, file), 'utf8');
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UserError(
      `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]})`,
    );
  }
  try {
    return rulesFrom(value);
  } catch (error) {
    throw new UserError(`${file}: ${(error as Error).message}`);
  }
}

async function discover(args: CommandArgs, io: CommandIO, api: JiraApi): Promise<number> {
  return discoverTickets(args, io, api, stringOption(args, 'jql'));
}

async function link(args: CommandArgs, io: CommandIO, api: JiraApi, key: string): Promise<number> {
  const systemId = stringOption(args, 'system');
  if (!systemId) throw new UserError('missing --system (the register id of the AI system)');
  const { register, snapshot } = await workspaceSnapshot(args, io);
  const ctx = ruleContext(args, io, `aims jira link ${key} --system ${systemId}`);
  const status = statusOrUserError(snapshot, systemId, ctx.today, stringOption(args, 'assessment'));
  const system = snapshot['ai-system'].find((s) => s.id === systemId);
  if (!system) throw new UserError(`no AI system '${systemId}' in the register`);
  const recordUrl = recordUrlFor(system, stringOption(args, 'record-url'), { siteUrl: api.siteUrl, key });
  const linked = await jiraCall(() => linkAndRecord(api, register, { key, system, status, recordUrl }, ctx));
  io.out(printable(`Linked ${describeLink(linked)}`));
  io.out(
    linked.events > 0
      ? `Recorded the link as evidence (${linked.events} event(s)).`
      : 'The register already held this link.',
  );
  return 0;
}

async function sync(args: CommandArgs, io: CommandIO, api: JiraApi): Promise<number> {
  const { register } = await workspaceSnapshot(args, io);
  const rules = await readRules(args, io);
  const ctx = ruleContext(args, io, `aims jira sync ${api.siteUrl}`);
  const epics = await linkedEpics(register, api.siteUrl);
  const report: SyncReport = { inStep: [], rewritten: [], triggers: [], failed: [] };
  io.err(`jira: ${epics.length} linked epic(s) on ${api.siteUrl}`);
  await jiraCall(async () => {
    await reconcileProperties(api, register, epics, ctx, io, report);
    await changeTriggers(api, register, epics, rules, ctx, io, report);
    const project = stringOption(args, 'project');
    if (project) {
      if (!/^[A-Z][A-Z0-9_]{0,49}$/.test(project))
        throw new UserError(`--project must be a Jira project key like AIMS (got '${project.slice(0, 40)}')`);
      report.remediation = await remediation(
        api,
        register,
        { projectKey: project, issueType: stringOption(args, 'issue-type') ?? 'Task' },
        ctx,
        io,
      );
    }
  });
  io.out(
    `Linked epics: ${report.inStep.length} in step, ${report.rewritten.length} written again${report.rewritten.length ? ` (${report.rewritten.join(', ')})` : ''}`,
  );
  io.out(`Reassessment triggers: ${report.triggers.length} new`);
  for (const t of report.triggers) io.out(`  ${t}`);
  const r = report.remediation;
  if (r) {
    io.out(
      `Remediation: ${r.created.length} issue(s) created, ${r.recovered.length} found again, ${r.updated.length} record(s) moved on, ${r.failed.length} failed`,
    );
    for (const f of r.failed) io.out(printable(`  ${f.id}: ${f.message}`));
  }
  if (report.failed.length > 0) {
    io.out(`Skipped (will be tried again next run): ${report.failed.length}`);
    for (const f of report.failed) io.out(`  ${f.key} (${f.step}): ${f.message}`);
  }
  return report.failed.length > 0 || (r && r.failed.length > 0) ? PARTIAL : 0;
}

/** Exit code of a run that finished but skipped some epics or remediation items. */
const PARTIAL = 3;

export const jiraCommand: Command = {
  name: 'jira',
  summary: 'Jira: discover AI systems from tickets, link epics to assessments, sync triggers and remediation',
  usage: 'aims jira discover|link|sync [KEY] --url <site> [options]',
  details: [
    '  aims jira discover --url <site> [--jql <jql>] [--format table|json] [--workspace <dir>]',
    `      tickets the JQL selects (default: ${DEFAULT_JQL};`,
    '      a site that rejects it for a missing component or issue type is searched by the labels alone)',
    '      become candidate AI systems, with providers and models found in their text; with --workspace',
    '      they enter the inventory as discovered, unreviewed, each with its evidence (issue, changelog entry)',
    '  aims jira link <EPIC-KEY> --system <id> [--assessment <id>] [--record-url <url>] --workspace <dir> --url <site>',
    '      writes a remote link (global id aims-lens:ai-system:<id>: linking again updates it) and the issue',
    '      property com.aimslens.aims with the AIMS status; records the link as evidence',
    '  aims jira sync --workspace <dir> --url <site> [--rules <file>] [--project <KEY> [--issue-type <name>]]',
    "      reads each linked epic's property back and rewrites it when it drifted; new changelog entries",
    '      matching the rules become reassessment triggers; with --project, open corrective actions and',
    '      treatments get issues there and done issues move them on (implemented, effectiveness check pending)',
    '',
    ...CREDENTIAL_HELP,
    '',
    'Progress goes to standard error. Exit codes: 0 done; 1 Jira refused (403, 404, a rejected JQL: the run stopped);',
    '2 usage error; 3 partial: some epics, tickets or remediation items failed and were skipped (listed), the',
    'rest is done;',
    ...SERVICE_EXIT_HELP,
    '  (what was recorded before the stop is kept: discover pages, sync epics).',
  ],
  options: {
    ...SITE_OPTIONS,
    ...WORKSPACE_OPTION,
    ...TODAY_OPTION,
    jql: { type: 'string' },
    format: { type: 'string', short: 'f' },
    system: { type: 'string' },
    assessment: { type: 'string' },
    'record-url': { type: 'string' },
    rules: { type: 'string' },
    project: { type: 'string' },
    'issue-type': { type: 'string' },
    actor: { type: 'string' },
  },
  positionals: true,
  async run(args, io) {
    const [sub, key, ...extra] = args.positionals;
    if (sub === 'link') {
      if (!key || extra.length > 0) throw new UserError('expected: aims jira link <EPIC-KEY> --system <id>');
      if (!ISSUE_KEY.test(key))
        throw new UserError(`'${printable(key.slice(0, 40))}' is not a Jira issue key (like AI-12)`);
      const api = await connect(args, io);
      return link(args, io, api, key);
    }
    if (sub !== 'discover' && sub !== 'sync')
      throw new UserError(`expected discover, link or sync (got '${printable(String(sub ?? ''))}')`);
    if (key) throw new UserError(`unexpected argument '${printable(key.slice(0, 40))}'`);
    const api = await connect(args, io);
    return sub === 'discover' ? jiraCall(() => discover(args, io, api)) : sync(args, io, api);
  },
};
