import { demoOrganisation } from '../../../shared/demo';
import type { DemoStep } from './step';

export const seedStep: DemoStep = {
  name: 'seed the example organisation',
  async run({ register, today }) {
    // The process results are recorded by the processes step, each transition with its own event.
    const { records } = demoOrganisation(today, { processResults: false });
    await register.transact({ actor: 'aims-demo', cause: 'demo organisation' }, async (tx) => {
      for (const record of records) await tx.put(record.kind, record);
    });
  },
};
