// Every kind of job the background runs. Sync and scan jobs join as their connectors land.
import type { JobHandler } from './job';
import { importJob } from './import-job';

export const JOB_HANDLERS: readonly JobHandler<unknown, unknown>[] = [importJob];
