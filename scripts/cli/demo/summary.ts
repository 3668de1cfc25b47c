// The demo's readable summary: inventory, owners, and what is missing.
import { DEMO_ORGANISATION, daysBetween } from '../../../shared/demo';
import { heading, renderTable, shortPerson } from '../format/table';
import type { DemoStep } from './steps';

export const summaryStep: DemoStep = {
  name: 'summarise',
  async run({ register, io, today }) {
    const systems = await register.list('ai-system');
    const roles = await register.list('role-assignment');
    const impact = await register.list('impact-assessment');
    const triggers = await register.query({ kind: 'trigger', status: 'open' });
    const findings = (await register.list('finding')).filter((f) => f.status !== 'closed');
    const method = (await register.list('risk-methodology'))[0];
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

    const missing: string[][] = [];
    for (const s of systems.filter((x) => x.inScope)) {
      if (!s.riskOwner) missing.push(['5.3', s.name, 'no risk owner', 'assign a risk owner']);
      if (!impact.some((a) => a.systemId === s.id)) {
        missing.push(['8.4', s.name, 'no impact assessment', 'run the impact assessment']);
      }
    }
    const overdueAfter = method?.overdueAfterDays ?? 30;
    for (const t of triggers) {
      const age = daysBetween(t.raisedOn, today);
      const name = systems.find((s) => s.id === t.systemId)?.name ?? t.systemId;
      const state =
        age > overdueAfter ? `reassessment overdue (${age} days)` : `reassessment due (${age} days)`;
      missing.push([
        t.clauses.join(', '),
        name,
        `${t.type} ${t.before ?? ''} → ${t.after ?? ''}: ${state}`,
        'reassess risk and impact',
      ]);
    }
    for (const f of findings) {
      const name = systems.find((s) => s.id === f.systemId)?.name ?? '—';
      missing.push([f.ref, name, `open ${f.grade} finding ${f.id}`, 'close the corrective action']);
    }
    print(heading(`What is missing (${missing.length})`));
    print(
      missing.length ? renderTable(['Clause', 'System', 'Gap', 'Next action'], missing) : ['Nothing: ready.'],
    );
  },
};
