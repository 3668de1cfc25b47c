// Every kind of job the background runs.
import type { JobHandler } from './job';
import { importJob } from './import-job';
import { scanJob } from './scan-job';
import { syncJob } from './sync-job';

export const JOB_HANDLERS: readonly JobHandler<unknown, unknown>[] = [
  importJob,
  syncJob,
  scanJob,
] as readonly JobHandler<unknown, unknown>[];
