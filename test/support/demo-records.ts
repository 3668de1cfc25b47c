// The demo organisation as a register holds it, for tests of processes and views over stored records.
import { demoOrganisation } from '../../shared/demo';
import { RECORD_SCHEMAS, type AnyRecord } from '../../shared/model';

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
