// Helpers the record rules share: schema parsing that names the field, and lookups that name the reference.
import type { z } from 'zod';
import {
  RECORD_META_FIELDS,
  RECORD_SCHEMAS,
  type Draft,
  type RecordKind,
  type RecordMetaField,
} from '../model';
import { refuse } from '../model';
import type { RegisterSnapshot } from '../processes/snapshot';
import { fieldPath } from '../register';

/** RecordMeta's fields but the id, as the mask zod's omit takes. */
const META = Object.fromEntries(RECORD_META_FIELDS.map((field) => [field, true as const])) as Record<
  RecordMetaField,
  true
>;

/** A kind's schema without the fields the register fills in; unknown fields are refused, not dropped. */
export function draftSchema(kind: RecordKind): z.ZodObject {
  const schema: z.ZodObject = RECORD_SCHEMAS[kind];
  return schema.omit(META).strict();
}

/** Parses with a schema; the first problem becomes a Refusal naming its field. */
export function parseFields<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw refuse(issue ? fieldPath(issue.path) : undefined, issue?.message ?? 'invalid');
}

/** A file checked against its kind's schema only, as a draft ready to write. */
export function parseDraft<K extends RecordKind>(kind: K, value: unknown): Draft<K> {
  return parseFields(draftSchema(kind), value) as Draft<K>;
}

/**
 * Looks a record up by id (as `snapshot` holds it: whole in a FullSnapshot), or fails naming the field that
 * referred to it.
 */
export function requireRecord<S extends RegisterSnapshot, K extends RecordKind>(
  snapshot: S,
  kind: K,
  id: string,
  field: string,
): S[K][number] {
  const found = (snapshot[kind] as ReadonlyArray<{ id: string }>).find((r) => r.id === id);
  if (!found) throw refuse(field, `no ${kind} '${id}' in the register`);
  return found as S[K][number];
}
