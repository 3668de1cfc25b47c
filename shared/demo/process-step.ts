// One dated step of the demo's process run: what the demo prints and the writes it records.
import type { RecordWrite } from '../processes/writes';

/** One dated step of the process run: its writes land in one transaction, each with its own event. */
export interface DemoProcessStep {
  on: string;
  systemId: string;
  /** One line for the demo's output. */
  headline: string;
  /** The transaction's cause; each write may name a more precise one. */
  cause: string;
  writes: RecordWrite[];
}
