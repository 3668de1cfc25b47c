// A reference to a register record as people read it: the record's own words first, its id beside them.
// Auditors trace a reference by its id, so the id always stays; a bare id (`ca-2026-1-1`) tells a reader
// nothing, so the name, title or statement goes in front of it. Plain text only: the views render it as
// text, so a hostile name stays inert wherever it is shown.
import type { RecordKind, RecordOf } from '../model';
import { byId } from './lookup';
import type { RegisterSnapshot } from './snapshot';

/** Longest name shown in a reference, in user-perceived characters; a longer one is cut with an ellipsis. */
export const REFERENCE_NAME_MAX = 80;

/**
 * Bidirectional controls and invisible zero-width characters (joiners stay: they build emoji sequences). A right-to-left override left open in a name would show
 * the id beside it reversed, and the id is what an auditor traces (Trojan Source, CVE-2021-42574).
 */
const INVISIBLE_FORMAT = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `"Extend log retention to 12 months (ca-2026-1-1)"`: `name` (bidi and zero-width controls removed,
 * whitespace runs folded into one space, cut to `max` graphemes so an emoji sequence is never split) then
 * `id` in brackets. Just `id` when nothing visible is left of the name, or the name is the id.
 */
export function namedReference(id: string, name: string | undefined, max = REFERENCE_NAME_MAX): string {
  const words = (name ?? '').replace(INVISIBLE_FORMAT, '').replace(/\s+/g, ' ').trim();
  if (words === '' || words === id) return id;
  const parts = [...graphemes.segment(words)].map((g) => g.segment);
  const shown = parts.length > max ? `${parts.slice(0, max - 1).join('')}…` : words;
  return `${shown} (${id})`;
}

/** The field that names a record of each kind that is referred to by id. */
const NAME_OF: { [K in RecordKind]?: (record: RecordOf<K>) => string } = {
  'ai-system': (r) => r.name,
  finding: (r) => r.statement,
  'corrective-action': (r) => r.action,
  treatment: (r) => r.plan,
  evidence: (r) => r.title,
  document: (r) => r.title,
  audit: (r) => r.title,
  'aims-risk': (r) => r.description,
  'aims-change': (r) => r.title,
};

/** The name of record `id` of `kind` in the snapshot; undefined when it is not there or has no name field. */
export function recordName<K extends RecordKind>(
  snapshot: RegisterSnapshot,
  kind: K,
  id: string,
): string | undefined {
  const nameOf = NAME_OF[kind] as ((record: RecordOf<K>) => string) | undefined;
  const record = byId.first(snapshot[kind] as readonly RecordOf<K>[], id);
  return record && nameOf ? nameOf(record) : undefined;
}

/** `namedReference` for record `id` of `kind`, named from the snapshot: the bare id when it is unknown. */
export const referenceTo = <K extends RecordKind>(snapshot: RegisterSnapshot, kind: K, id: string): string =>
  namedReference(id, recordName(snapshot, kind, id));
