// One msw server per test file, a Jira world per test, and a clock that records waits instead of sleeping.
import { createJiraApi, type JiraApi } from '../../connectors/jira/client';
import type { ConnectorDeps, ConnectorLog } from '../../connectors/contract';
import type { JiraConnectionInput, JiraCredentials } from '../../connectors/jira/config';
import type { JiraClock } from '../../connectors/jira/retry';
import type { JiraWorld } from './jira-world';
import { mswServer } from './msw';

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
  const server = mswServer();
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
  /** Requests that went through the injected fetch. */
  fetched: string[];
}

/** A log that keeps its lines, for assertions (and to prove no secret reaches it). */
export function recordingLog(lines: string[]): ConnectorLog {
  const keep = (message: string) => lines.push(message);
  return { debug: keep, info: keep, warn: keep, error: keep };
}

/** Connector deps over msw's intercepted fetch, a test clock that never sleeps for real, and a kept log. */
export function testDeps(clock: TestClock, log: string[], fetched: string[] = []): ConnectorDeps {
  return {
    fetch: (input, init) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
    clock: () => new Date(clock.now()),
    sleep: (ms) => clock.sleep(ms),
    log: recordingLog(log),
  };
}

export function apiFor(
  world: JiraWorld,
  options: { connection?: Partial<JiraConnectionInput> } = {},
): ApiSetup {
  const clock = new TestClock();
  const log: string[] = [];
  const fetched: string[] = [];
  const api = createJiraApi({
    connection: { url: world.site, ...options.connection },
    credentials: world.flavour === 'cloud' ? CLOUD_CREDENTIALS : DC_CREDENTIALS,
    deps: testDeps(clock, log, fetched),
  });
  return { api, clock, log, fetched };
}
