// The demo's last step: where the example organisation stands for certification, then one gap closed
// through the same process functions a user would run, and what that changed.
import { DEMO_GAPS, DEMO_PEOPLE, atNoon } from '../../../shared/demo';
import type { AnyRecord, Draft } from '../../../shared/model';
import { approveImpactAssessment, planImpactAssessment } from '../../../shared/processes/impact-assessment';
import { readiness, type Readiness } from '../../../shared/processes/readiness';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import { latestApproved } from '../../../shared/processes/versions';
import { createMemoryBackend, createRegister, type Register } from '../../../shared/register';
import { heading, shortPerson } from '../format/table';
import type { DemoStep } from './step';

const stageLine = (name: string, stage: Readiness['stage1']) =>
  `${`${name}:`.padEnd(35)} ${stage.ready ? 'READY' : `NOT READY — ${stage.gaps.length} gap${stage.gaps.length === 1 ? '' : 's'}`}`;

function report(r: Readiness): string[] {
  const lines = [
    stageLine('Stage 1 (documented AIMS)', r.stage1),
    stageLine('Stage 2 (implemented, effective)', r.stage2),
  ];
  for (const g of [...r.stage1.gaps, ...r.stage2.gaps]) {
    lines.push(
      `  ${g.clause.padEnd(8)} ${(g.systemId ?? '—').padEnd(22)} ${g.what}`,
      `  ${''.padEnd(8)} ${''.padEnd(22)} → ${g.next}`,
    );
  }
  const watch = [...r.stage1.watch, ...r.stage2.watch];
  if (watch.length > 0) lines.push(`Watch (followed up, not blocking): ${watch.length}`);
  for (const g of watch) {
    lines.push(
      `  ${g.clause.padEnd(8)} ${(g.systemId ?? '—').padEnd(22)} ${g.what}`,
      `  ${''.padEnd(8)} ${''.padEnd(22)} → ${g.next}`,
    );
  }
  lines.push('Roadmap:');
  r.phases.forEach((p, i) =>
    lines.push(`  ${i + 1}. ${p.name.padEnd(26)} ${String(p.percent).padStart(3)}%`),
  );
  return lines;
}

/** Records the missing impact assessment of the planted system: drafted on the template, then approved. */
async function closeImpactGap(register: Register, today: string): Promise<string> {
  const snapshot = await loadSnapshot(register);
  const system = snapshot['ai-system'].find((s) => s.id === DEMO_GAPS.missingImpactAssessment);
  const template = latestApproved(snapshot['impact-template']);
  if (!system || !template) throw new Error('demo: the system or the impact template is missing');
  const draft: Draft<'impact-assessment'> = planImpactAssessment(
    system,
    template,
    {
      scope: `${system.name} in production, every attachment type`,
      purpose: system.purpose,
      intendedUses: [system.purpose],
      unintendedUses: [
        'Paying a claim on extracted amounts without a handler check',
        'Reading documents outside claims',
      ],
      dataByStage: [
        { stage: 'design', data: 'Sample documents with identifiers removed', sensitivity: 'internal' },
        { stage: 'development', data: 'Labelled invoices and repair estimates', sensitivity: 'personal' },
        {
          stage: 'verification',
          data: 'Held-out labelled attachments incl. medical reports',
          sensitivity: 'special-category',
        },
        { stage: 'deployment', data: 'Prompts and configuration only', sensitivity: 'internal' },
        {
          stage: 'operation',
          data: 'Live claim attachments incl. medical reports',
          sensitivity: 'special-category',
        },
        {
          stage: 'retirement',
          data: 'Extraction logs until the retention period ends',
          sensitivity: 'personal',
        },
      ],
      complexity: { autonomy: 'human-on-the-loop', operationalComplexity: 'medium' },
      interestedParties: ['Policyholders and claimants', 'Claims handlers', 'Medical providers', 'Regulator'],
      impacts: [
        {
          id: 'i1',
          affected: 'individuals',
          description: 'A misread medical report lowers a claim payout',
          nature: 'harm',
          likelihood: 3,
          severity: 4,
          measures: ['Handler confirms amounts above the threshold', 'Monthly accuracy sample'],
        },
        {
          id: 'i2',
          affected: 'individuals',
          description: 'Claims are paid faster',
          nature: 'benefit',
          likelihood: 4,
          severity: 3,
          measures: [],
        },
      ],
    },
    { assessor: DEMO_PEOPLE.privacy, today, cause: 'gap:8.4', id: `ia-${system.id}-1` },
  );
  const approver = system.riskOwner ?? DEMO_PEOPLE.privacy;
  const approved = approveImpactAssessment(draft, {
    snapshot,
    template,
    system,
    approver,
    at: atNoon(today),
  });
  await register.transact({ actor: DEMO_PEOPLE.privacy, cause: 'readiness gap 8.4' }, async (tx) => {
    await tx.put('impact-assessment', draft, {
      summary: `${system.name} impact assessment ${draft.id} drafted`,
    });
    await tx.put('impact-assessment', approved, {
      action: 'transition',
      summary: `${system.name} impact assessment ${draft.id} draft → approved by ${approver}`,
    });
  });
  return `${system.name}: impact assessment ${draft.id} on ${template.id} ${template.version}, tier ${approved.thresholdTier}, approved by ${shortPerson(approver)}`;
}

export const readinessStep: DemoStep = {
  name: 'certification readiness',
  async run({ register, io, today }) {
    const print = (lines: string[]) => lines.forEach((l) => io.out(l));
    const before = readiness(await loadSnapshot(register), today);
    print(heading(`Certification readiness as of ${today} (aims readiness)`));
    print(report(before));

    // Close the gap on a scratch copy of the register, so the workspace keeps every planted gap for the
    // reader to close with the CLI; the copy continues the same hash chain through the same contract.
    const records = Object.values(await loadSnapshot(register)).flat() as AnyRecord[];
    const scratch = createRegister(createMemoryBackend({ records, events: await register.events() }), {
      clock: () => io.now().toISOString(),
    });
    const done = await closeImpactGap(scratch, today);
    const after = readiness(await loadSnapshot(scratch), today);
    const key = (g: Readiness['stage2']['gaps'][number]) => `${g.clause}|${g.systemId ?? ''}|${g.what}`;
    const closed = before.stage2.gaps.filter((g) => !after.stage2.gaps.some((a) => key(a) === key(g)));
    print(heading('Closing one gap through the impact assessment process (6.1.4, 8.4)'));
    print([
      `Recorded ${done}`,
      '(on a scratch copy of the register; the workspace keeps the gap for you to close)',
    ]);
    print([
      '',
      'Readiness change:',
      `  Stage 2 gaps          ${before.stage2.gaps.length} → ${after.stage2.gaps.length}${closed.map((g) => `   (closed: ${g.clause} ${g.what})`).join('')}`,
      ...before.phases.map((p, i) => {
        const now = after.phases[i]?.percent ?? p.percent;
        return `  ${p.name.padEnd(26)} ${String(p.percent).padStart(3)}% → ${String(now).padStart(3)}%${now !== p.percent ? '  ▲' : ''}`;
      }),
      `  ${stageLine('Stage 2 (implemented, effective)', after.stage2)}`,
    ]);
  },
};
