// The Connections page (the extension's options): GitHub, Jira and Microsoft 365. A token goes to
// the background once, when saved, and never comes back; the page asks the browser for access to
// exactly the hosts a connection uses, when it is added.
import { useEffect, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { askBackground } from '../../background/client';
import {
  Connection,
  originsFor,
  type ConnectionSummary,
  type Service,
} from '../../background/connections/settings';

type Result = { tone: 'ok' | 'error' | 'info'; text: string };
const NAMES: Record<Service, string> = { github: 'GitHub', jira: 'Jira', microsoft: 'Microsoft 365' };

function fields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  });
  return out;
}

export function App() {
  const [connections, setConnections] = useState<ConnectionSummary[]>([]);
  const [results, setResults] = useState<Partial<Record<Service | 'page', Result>>>({});
  const [jira, setJira] = useState<'cloud' | 'data-center'>('cloud');
  const say = (key: Service | 'page', result: Result) => setResults((r) => ({ ...r, [key]: result }));

  useEffect(() => {
    void askBackground({ type: 'connections/list' }).then((reply) => {
      if (reply.ok) setConnections(reply.connections);
      else say('page', { tone: 'error', text: reply.error });
    });
  }, []);

  const save =
    (service: Service, build: (f: Record<string, string>) => Record<string, unknown>) =>
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const connection = build(fields(event.currentTarget));
      const parsed = Connection.safeParse(connection);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return say(service, {
          tone: 'error',
          text: `Not saved: ${issue?.path.join('.') || 'connection'}: ${issue?.message}`,
        });
      }
      // Asked inside the click, as browsers require, for this connection's hosts only.
      const origins = originsFor(parsed.data);
      const granted = await browser.permissions.request({ origins }).catch(() => false);
      if (!granted)
        return say(service, {
          tone: 'error',
          text: `Not saved: access to ${origins.join(', ')} was not granted.`,
        });
      const reply = await askBackground({ type: 'connections/save', connection });
      if (!reply.ok) return say(service, { tone: 'error', text: `Not saved: ${reply.error}` });
      setConnections(reply.connections);
      event.currentTarget?.reset();
      say(service, { tone: 'ok', text: `${NAMES[service]} saved. Use "Test connection" to check it.` });
    };

  const test = async (service: Service) => {
    say(service, { tone: 'info', text: 'Testing…' });
    const reply = await askBackground({ type: 'connections/test', service });
    if (!reply.ok) return say(service, { tone: 'error', text: reply.error });
    const r = reply.result;
    say(
      service,
      r.ok
        ? { tone: 'ok', text: `Connected: ${r.detail}` }
        : { tone: 'error', text: `Failed (${r.failure.kind}): ${r.failure.detail}` },
    );
  };

  const remove = async (service: Service) => {
    const reply = await askBackground({ type: 'connections/remove', service });
    if (reply.ok) setConnections(reply.connections);
    say(
      service,
      reply.ok ? { tone: 'info', text: `${NAMES[service]} removed.` } : { tone: 'error', text: reply.error },
    );
  };

  const signIn = async () => {
    say('microsoft', { tone: 'info', text: 'Signing in…' });
    const reply = await askBackground({ type: 'connections/sign-in', service: 'microsoft' });
    if (reply.ok) setConnections(reply.connections);
    say(
      'microsoft',
      reply.ok ? { tone: 'ok', text: 'Signed in to Microsoft 365.' } : { tone: 'error', text: reply.error },
    );
  };

  // Sign-in asks Microsoft for the saved tenant's consent screen, so it waits for a saved tenant.
  const microsoft = connections.find((c) => c.service === 'microsoft');

  const status = (key: Service | 'page') => {
    const r = results[key];
    return (
      <p role="status" data-testid={`result-${key}`} className={r?.tone === 'error' ? 'error' : ''}>
        {r?.text ?? ''}
      </p>
    );
  };

  return (
    <main className="page connections-page">
      <header className="page-header">
        <div>
          <h1>Connections</h1>
          <p className="muted">
            Tokens are kept only in this browser's extension storage, never synced, exported or shown again.
          </p>
        </div>
        <a href="dashboard.html">Open the dashboard</a>
      </header>
      {status('page')}

      <section aria-labelledby="configured">
        <h2 id="configured">Configured</h2>
        {connections.length === 0 ? (
          <p className="muted" data-testid="no-connections">
            No connection yet.
          </p>
        ) : null}
        <ul className="connections">
          {connections.map((c) => (
            <li key={c.service} data-service={c.service}>
              <span className="connection-what">
                <strong>{NAMES[c.service]}</strong> <span className="connection-target">{c.target}</span>
                {c.hasCredential ? null : <span className="muted"> (not signed in)</span>}
              </span>
              <span className="connection-actions">
                <button type="button" onClick={() => void test(c.service)}>
                  Test connection
                </button>
                <button type="button" className="secondary" onClick={() => void remove(c.service)}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="github-heading">
        <h2 id="github-heading">GitHub</h2>
        <form
          className="connection-form"
          onSubmit={(e) =>
            void save('github', (f) => ({
              service: 'github',
              token: f.token,
              ...(f.serverUrl ? { serverUrl: f.serverUrl } : {}),
            }))(e)
          }
        >
          <label>
            Personal access token <input name="token" type="password" autoComplete="off" required />
          </label>
          <label>
            GitHub Enterprise Server URL (optional){' '}
            <input name="serverUrl" type="url" placeholder="https://github.example.com" />
          </label>
          <button type="submit">Save GitHub</button>
        </form>
        {status('github')}
      </section>

      <section aria-labelledby="jira-heading">
        <h2 id="jira-heading">Jira</h2>
        <fieldset>
          <legend>Deployment</legend>
          <label>
            <input
              type="radio"
              name="jira-deployment"
              checked={jira === 'cloud'}
              onChange={() => setJira('cloud')}
            />{' '}
            Cloud
          </label>
          <label>
            <input
              type="radio"
              name="jira-deployment"
              checked={jira === 'data-center'}
              onChange={() => setJira('data-center')}
            />{' '}
            Data Center
          </label>
        </fieldset>
        {jira === 'cloud' ? (
          <form
            className="connection-form"
            onSubmit={(e) =>
              void save('jira', (f) => ({
                service: 'jira',
                deployment: 'cloud',
                site: f.site,
                email: f.email,
                apiToken: f.apiToken,
              }))(e)
            }
          >
            <label>
              Site <input name="site" type="url" placeholder="https://your-site.atlassian.net" required />
            </label>
            <label>
              Email <input name="email" type="email" required />
            </label>
            <label>
              API token <input name="apiToken" type="password" autoComplete="off" required />
            </label>
            <button type="submit">Save Jira</button>
          </form>
        ) : (
          <form
            className="connection-form"
            onSubmit={(e) =>
              void save('jira', (f) => ({
                service: 'jira',
                deployment: 'data-center',
                serverUrl: f.serverUrl,
                personalAccessToken: f.pat,
              }))(e)
            }
          >
            <label>
              Server URL <input name="serverUrl" type="url" placeholder="https://jira.example.com" required />
            </label>
            <label>
              Personal access token <input name="pat" type="password" autoComplete="off" required />
            </label>
            <button type="submit">Save Jira</button>
          </form>
        )}
        {status('jira')}
      </section>

      <section aria-labelledby="microsoft-heading">
        <h2 id="microsoft-heading">Microsoft 365 (SharePoint)</h2>
        <form
          className="connection-form"
          onSubmit={(e) =>
            void save('microsoft', (f) => ({ service: 'microsoft', tenant: f.tenant, clientId: f.clientId }))(
              e,
            )
          }
        >
          <label>
            Tenant (id or domain) <input name="tenant" required />
          </label>
          <label>
            Application (client) id <input name="clientId" required />
          </label>
          <button type="submit">Save Microsoft 365</button>
        </form>
        <p className="sign-in">
          <button
            type="button"
            disabled={!microsoft}
            aria-describedby={microsoft ? undefined : 'microsoft-sign-in-reason'}
            onClick={() => void signIn()}
          >
            Sign in to Microsoft 365
          </button>
          {microsoft ? null : (
            <span id="microsoft-sign-in-reason" className="muted" data-testid="microsoft-sign-in-reason">
              Save a tenant and application (client) id first: sign-in needs them.
            </span>
          )}
        </p>
        {status('microsoft')}
      </section>
    </main>
  );
}
