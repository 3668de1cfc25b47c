// The demo organisation as a register holds it and as an exchange bundle carries it, for tests over stored
// records.
import { demoOrganisation } from '../../shared/demo';
import { bundleOf, type WorkspaceBundle } from '../../shared/exchange/bundle';
import { RECORD_KINDS, RECORD_SCHEMAS, type AnyRecord } from '../../shared/model';
import { createMemoryBackend, createRegister } from '../../shared/register';
import { steppingClock } from './builders';

/**
 * The demo organisation on `day` as stored records (metadata of that day, revision 1, each parsed by its
 * schema); every call gives new objects, as every register read does.
 */
export function demoRecords(day: string): AnyRecord[] {
  const meta = {
    createdAt: `${day}T00:00:00.000Z`,
    updatedAt: `${day}T00:00:00.000Z`,
    createdBy: 't',
    updatedBy: 't',
    revision: 1,
  };
  return demoOrganisation(day).records.map(
    (d) => RECORD_SCHEMAS[d.kind].parse({ ...d, ...meta }) as AnyRecord,
  );
}

const bundles = new Map<string, WorkspaceBundle>();

/**
 * The demo organisation on `day` written through a memory register and exported as an exchange bundle
 * (built once per day and process); every call gives a copy of its own to change.
 */
export async function demoBundle(day: string): Promise<WorkspaceBundle> {
  let bundle = bundles.get(day);
  if (!bundle) {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact({ actor: 'demo', cause: 'demo' }, async (tx) => {
      for (const draft of demoOrganisation(day).records) await tx.put(draft.kind, draft);
    });
    const records: AnyRecord[] = [];
    for (const kind of RECORD_KINDS) records.push(...(await register.list(kind)));
    bundle = bundleOf(records, await register.events(), { exportedAt: 'x', exportedBy: 'test' });
    bundles.set(day, bundle);
  }
  return structuredClone(bundle);
}
