// One msw server per test file, a Jira world per test, and a clock that records waits instead of sleeping.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createJiraApi, type JiraApi, type JiraTransport } from '../../connectors/jira/client';
import type { JiraConnectionInput, JiraCredentials } from '../../connectors/jira/config';
import type { JiraClock } from '../../connectors/jira/retry';
import type { JiraWorld } from './jira-world';

export const CLOUD_SITE = 'https://harbormutual.atlassian.net';
export const DC_SITE = 'https://jira.harbormutual.example';
export const CLOUD_CREDENTIALS: JiraCredentials = {
  kind: 'api-token',
  email: 'ana.silva@harbormutual.example',
  apiToken: 'cloud-secret-token',
};
export const DC_CREDENTIALS: JiraCredentials = { kind: 'pat', token: 'dc-secret-pat' };

export class TestClock implements JiraClock {
  readonly waits: number[] = [];
  constructor(private at = Date.parse('2026-11-28T09:00:00.000Z')) {}
  now(): number {
    return this.at;
  }
  async sleep(ms: number): Promise<void> {
    this.waits.push(ms);
    this.at += ms;
  }
}

/** Starts msw for this file; `use(world)` serves one world for the current test. */
export function jiraServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    use(world: JiraWorld) {
      server.use(...world.handlers());
      return world;
    },
  };
}

export interface ApiSetup {
  api: JiraApi;
  clock: TestClock;
  log: string[];
}

export function apiFor(
  world: JiraWorld,
  options: { connection?: Partial<JiraConnectionInput>; transport?: JiraTransport } = {},
): ApiSetup {
  const clock = new TestClock();
  const log: string[] = [];
  const api = createJiraApi({
    connection: { url: world.site, ...options.connection },
    credentials: world.flavour === 'cloud' ? CLOUD_CREDENTIALS : DC_CREDENTIALS,
    clock,
    log: (line) => log.push(line),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  return { api, clock, log };
}
