// The shape of a write rule: what recording one kind of record means. Its own module, so the registry
// (index.ts) and the rules (one file per kind) never import each other.
import type { FullSnapshot } from '../processes/snapshot';
import type { RecordWrite } from '../processes/writes';

export interface RecordRuleContext {
  /** The register as it was before this record, whole. */
  snapshot: FullSnapshot;
  /** The recording day (YYYY-MM-DD). */
  today: string;
  /** The current instant (ISO), for approval and acceptance times a record leaves out. */
  now: string;
  /** Who records it. */
  actor: string;
}

export interface RecordRule {
  /** One line for `aims record --help` and the extension's form hints. */
  summary: string;
  /**
   * Checks the parsed record (an object) and returns the writes to make — the record first, then any it
   * implies (e.g. a trigger); throws Refusal naming the field at fault. Pure.
   */
  prepare(value: Record<string, unknown>, context: RecordRuleContext): RecordWrite[];
}
