// The demo's process run: each system's assessments and treatments, then the support assistant's
// model change making its reassessment due and, 30 days later, overdue — every write an event.
import { DEMO_ORGANISATION, demoProcessSteps } from '../../../shared/demo';
import { putAll } from '../../../shared/processes/writes';
import { heading, renderTable } from '../format/table';
import type { DemoStep } from './step';

export const processesStep: DemoStep = {
  name: 'run the AIMS processes',
  async run({ register, io, today }) {
    const systems = new Map((await register.list('ai-system')).map((s) => [s.id, s.name]));
    const rows: string[][] = [];
    for (const step of demoProcessSteps(today)) {
      await register.transact({ actor: 'aims-demo', cause: step.cause }, (tx) => putAll(tx, step.writes));
      rows.push([step.on, systems.get(step.systemId) ?? step.systemId, step.headline]);
    }
    const lines = [
      ...heading(`${DEMO_ORGANISATION} — the processes at work (clauses 6.1, 8.2–8.4), each step an event`),
      ...renderTable(['Day', 'System', 'What happened'], rows),
    ];
    lines.forEach((l) => io.out(l));
  },
};
