// `aims status`: each in-scope AI system with its owners, risk level, risk and impact assessment
// states (8.2, 8.4) and open triggers, followed by the role (5.3), treatment (6.1.3, 8.3) and template gaps.
import { systemStatuses, type AssessmentStatus } from '../../../shared/processes/reassessment';
import { processGaps } from '../../../shared/processes/process-gaps';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import type { RecordKind } from '../../../shared/model';
import { recordTransitions } from '../../../shared/records';
import type { Command } from '../command';
import { formatOption } from '../format/options';
import { heading, oneLine, renderTable, shortPerson } from '../format/table';
import { TODAY_OPTION, WORKSPACE_OPTION, todayOption, workspaceSnapshot } from './evaluation-options';

type SystemStatus = ReturnType<typeof systemStatuses>[number];

/** What the status table and its process gaps read: never the evidence, the register's bulk. */
export const STATUS_KINDS: readonly RecordKind[] = [
  'ai-system',
  'impact-assessment',
  'impact-template',
  'risk-assessment',
  'risk-methodology',
  'role-assignment',
  'treatment',
  'trigger',
];

/** 'current (next 2027-07-31)', 'overdue (due since 2026-10-14)', 'missing' … */
export function stateCell(status: AssessmentStatus): string {
  switch (status.state) {
    case 'current':
      return status.dueOn ? `current (next ${status.dueOn})` : 'current';
    case 'stale':
      return `stale (changed since ${status.latestId ?? '?'})`;
    case 'missing':
      return status.openTriggerIds.length > 0 ? 'missing (triggered)' : 'missing';
    case 'due':
      return `due since ${status.dueOn ?? '?'}`;
    default:
      return status.dueOn ? `${status.state} (due since ${status.dueOn})` : status.state;
  }
}

const openTriggers = (s: SystemStatus) => [
  ...new Set([...s.risk.openTriggerIds, ...s.impact.openTriggerIds]),
];

/** The status table; the demo leaves out the owner columns its inventory already shows. */
export function statusTable(rows: readonly SystemStatus[], options: { owners: boolean }): string[] {
  const owners = (s: SystemStatus) =>
    options.owners ? [shortPerson(s.system.owner), shortPerson(s.system.riskOwner)] : [];
  return renderTable(
    [
      'System',
      ...(options.owners ? ['Owner', 'Risk owner'] : []),
      'Risk level',
      'Risk assessment',
      'Impact assessment',
      'Open triggers',
    ],
    rows.map((s) => [
      s.system.name,
      ...owners(s),
      s.riskLevel ?? '—',
      stateCell(s.risk),
      stateCell(s.impact),
      openTriggers(s).join(', ') || '—',
    ]),
  );
}

const statusJson = (s: SystemStatus) => ({
  id: s.system.id,
  name: s.system.name,
  owner: s.system.owner ?? null,
  riskOwner: s.system.riskOwner ?? null,
  riskLevel: s.riskLevel ?? null,
  risk: s.risk,
  impact: s.impact,
  openTriggers: openTriggers(s),
});

export const statusCommand: Command = {
  name: 'status',
  summary: 'Each AI system with its owners, risk level, risk and impact assessment states and open triggers',
  usage: 'aims status --workspace <dir> [--today YYYY-MM-DD] [--format text|json] [--record-transitions]',
  details: [
    'States: current, due (a trigger or the planned interval), in-progress (a draft exists), overdue (due',
    'longer than the methodology allows), stale (components changed after approval), missing.',
    '  --today                evaluate as of this day (default: today)',
    '  --record-transitions   first record the transitions due by then (calendar triggers, escalations,',
    '                         resolutions, superseded assessments), each as an event with its cause',
    'docs/processes.md explains every column and rule.',
    'Exit codes: 0 listed; 2 usage or workspace error.',
  ],
  options: {
    ...WORKSPACE_OPTION,
    ...TODAY_OPTION,
    format: { type: 'string', short: 'f' },
    'record-transitions': { type: 'boolean' },
  },
  async run(args, io) {
    const format = formatOption(args, ['text', 'json'] as const, 'text');
    const today = todayOption(args, io);
    // Recording transitions writes through the register: that snapshot is a copy, as register reads are.
    const opened = await workspaceSnapshot(args, io, {
      readOnly: args.values['record-transitions'] !== true,
      kinds: STATUS_KINDS,
    });
    let snapshot = opened.snapshot;
    if (args.values['record-transitions'] === true) {
      const writes = await recordTransitions(opened.register, snapshot, today, {
        actor: 'aims-status',
        cause: `aims status as of ${today}`,
      });
      // A summary names the system: one line each, whatever the name holds.
      if (format === 'text')
        writes.forEach((w) => io.out(`transition ${oneLine(w.options.summary ?? w.kind)}`));
      snapshot = await loadSnapshot(opened.register);
    }
    const rows = systemStatuses(snapshot, today);
    const gaps = processGaps(snapshot, today);
    if (format === 'json') {
      io.out(JSON.stringify({ today, systems: rows.map(statusJson), gaps }, null, 2));
      return 0;
    }
    const lines = [
      `AI system status as of ${today} (clauses 8.2, 8.4)`,
      '',
      ...(rows.length > 0 ? statusTable(rows, { owners: true }) : ['No AI systems in scope.']),
      ...(gaps.length > 0
        ? [
            ...heading(`Process gaps (${gaps.length})`),
            ...renderTable(
              ['Clause', 'System', 'Gap', 'Next action'],
              gaps.map((g) => [g.clause, g.systemId ?? '—', g.what, g.next]),
            ),
          ]
        : []),
    ];
    lines.forEach((l) => io.out(l));
    return 0;
  },
};
