// The demo is a sequence of steps over one workspace; each later capability adds a step.
import { discoveryStep } from './discovery';
import { processesStep } from './processes';
import { readinessStep } from './readiness';
import { seedStep } from './seed';
import { summaryStep } from './summary';

import type { DemoStep } from './step';

export type { DemoContext, DemoStep } from './step';

export const DEMO_STEPS: DemoStep[] = [seedStep, processesStep, discoveryStep, summaryStep, readinessStep];
