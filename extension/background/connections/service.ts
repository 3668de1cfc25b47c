// The background's connection settings: save, remove, sign in, test. Tokens go in and never
// come out: every answer to a page is a summary or a probe result.
import { probeGithub, type ProbeDeps, type ProbeResult } from './github-probe';
import { needsRefresh, refreshMicrosoft, signInMicrosoft, type MicrosoftAuthDeps } from './microsoft-auth';
import { probeJira, probeMicrosoft } from './probes';
import {
  Connection,
  summarise,
  type ConnectionStore,
  type ConnectionSummary,
  type Service,
} from './settings';

export interface ConnectionServiceDeps {
  store: ConnectionStore;
  probe: ProbeDeps;
  microsoft: MicrosoftAuthDeps;
}

export interface ConnectionService {
  list(): Promise<ConnectionSummary[]>;
  /** Validates and stores; replaces the service's earlier settings. Throws naming the bad field. */
  save(connection: unknown): Promise<ConnectionSummary[]>;
  remove(service: Service): Promise<ConnectionSummary[]>;
  test(service: Service): Promise<ProbeResult>;
  signIn(): Promise<ConnectionSummary[]>;
  /**
   * A Graph access token for background work (renewed when it expires within five minutes), or
   * undefined when Microsoft 365 is not signed in. Throws when renewal fails (sign in again). Never
   * leaves the background.
   */
  microsoftToken(): Promise<string | undefined>;
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const { store } = deps;

  async function microsoftAccessToken(): Promise<string> {
    const all = await store.read();
    const ms = all.microsoft;
    if (!ms?.tokens) throw new Error('Microsoft 365 is not signed in');
    if (!needsRefresh(ms.tokens, deps.microsoft.now())) return ms.tokens.accessToken;
    const tokens = await refreshMicrosoft(ms, ms.tokens, deps.microsoft);
    await store.write({ ...all, microsoft: { ...ms, tokens } });
    return tokens.accessToken;
  }

  return {
    list: async () => summarise(await store.read()),
    async save(raw) {
      const parsed = Connection.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${issue?.path.join('.') || 'connection'}: ${issue?.message ?? 'invalid'}`);
      }
      const connection = parsed.data;
      const all = await store.read();
      const next =
        connection.service === 'github'
          ? { ...all, github: connection }
          : connection.service === 'jira'
            ? { ...all, jira: connection }
            : { ...all, microsoft: connection };
      await store.write(next);
      return summarise(next);
    },
    async remove(service) {
      const { [service]: _removed, ...rest } = await store.read();
      await store.write(rest);
      return summarise(rest);
    },
    async test(service) {
      const all = await store.read();
      if (service === 'github') {
        if (!all.github)
          return { ok: false, failure: { kind: 'unexpected', detail: 'GitHub is not configured' } };
        return probeGithub(all.github, deps.probe);
      }
      if (service === 'jira') {
        if (!all.jira)
          return { ok: false, failure: { kind: 'unexpected', detail: 'Jira is not configured' } };
        return probeJira(all.jira, deps.probe);
      }
      try {
        return await probeMicrosoft(await microsoftAccessToken(), deps.probe);
      } catch (error) {
        return {
          ok: false,
          failure: { kind: 'unauthorized', detail: error instanceof Error ? error.message : String(error) },
        };
      }
    },
    async microsoftToken() {
      if (!(await store.read()).microsoft?.tokens) return undefined;
      return microsoftAccessToken();
    },
    async signIn() {
      const all = await store.read();
      if (!all.microsoft) throw new Error('save the Microsoft 365 tenant and client id first');
      const tokens = await signInMicrosoft(all.microsoft, deps.microsoft);
      const next = { ...all, microsoft: { ...all.microsoft, tokens } };
      await store.write(next);
      return summarise(next);
    },
  };
}
