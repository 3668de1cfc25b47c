// The demo's readable summary: inventory, owners, and each system's assessment states.
import { DEMO_ORGANISATION } from '../../../shared/demo';
import { systemStatuses } from '../../../shared/processes/reassessment';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import { processGaps } from '../../../shared/processes/process-gaps';
import { statusTable } from '../commands/status';
import { heading, renderTable, shortPerson } from '../format/table';
import type { DemoStep } from './step';

export const summaryStep: DemoStep = {
  name: 'summarise',
  async run({ register, io, today }) {
    const systems = await register.list('ai-system');
    const roles = await register.list('role-assignment');
    const print = (lines: string[]) => lines.forEach((l) => io.out(l));

    print(heading(`${DEMO_ORGANISATION} — AI system inventory (${systems.length} systems)`));
    print(
      renderTable(
        ['System', 'Status', 'Stage', 'Owner', 'Risk owner', 'Models'],
        systems.map((s) => [
          s.name,
          `${s.deploymentStatus}${s.inScope ? '' : ' (not in scope)'}`,
          s.lifecycleStage,
          shortPerson(s.owner),
          shortPerson(s.riskOwner),
          s.components
            .filter((c) => c.kind === 'model')
            .map((c) => `${c.id} [${c.kind === 'model' ? c.pinning : ''}]`)
            .join(', '),
        ]),
      ),
    );

    print(heading('AIMS roles (clause 5.3)'));
    print(
      renderTable(
        ['Role', 'Person'],
        roles.filter((r) => !r.systemId).map((r) => [r.role, r.person]),
      ),
    );

    // Each system's assessment states, derived by the reassessment state machine (8.2, 8.4).
    const snapshot = await loadSnapshot(register);
    print(heading(`Risk and impact assessments as of ${today} (clauses 8.2, 8.4)`));
    print(statusTable(systemStatuses(snapshot, today), { owners: false }));
    const gaps = processGaps(snapshot, today);
    if (gaps.length > 0) {
      print(heading(`Process gaps (${gaps.length})`));
      print(
        renderTable(
          ['Clause', 'System', 'Gap', 'Next action'],
          gaps.map((g) => [g.clause, g.systemId ?? '—', g.what, g.next]),
        ),
      );
    }
  },
};
