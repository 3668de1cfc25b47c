// The metadata fields the register fills in, and a record stripped of them. Kept apart from the schemas (no
// zod at run time), so code that only compares and copies records loads no validator.
import type { RecordMeta } from './base';

/** The metadata fields the register fills in on every write: RecordMeta's fields but the id. */
export type RecordMetaField = Exclude<keyof RecordMeta, 'id'>;

/** RecordMeta's fields but the id (a test holds this list to the schema, so it cannot drift from it). */
export const RECORD_META_FIELDS: readonly RecordMetaField[] = [
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'revision',
];

/** A deep copy of a stored record without the metadata fields (what `draftOf` gives, typed by the record). */
export function withoutMetaCopy<R extends object>(record: R): Omit<R, RecordMetaField> {
  const rest: Partial<R> = { ...record };
  for (const field of RECORD_META_FIELDS) delete (rest as Partial<Record<RecordMetaField, unknown>>)[field];
  return structuredClone(rest) as Omit<R, RecordMetaField>;
}
