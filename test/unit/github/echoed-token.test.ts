// A token of no recognisable shape (a GitHub Enterprise Server's, a proxy's) echoed back bare by the server:
// only the exact token the client sends can find it. The extension's background uses these same reads, so
// what its jobs keep and its pages show is this message.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGitHubClient, getJson, GitHubError } from '../../../connectors/github';
import { mockGitHubServer } from '../../support/github/msw';

const API = 'https://ghe.harbormutual.example/api/v3';
const TOKEN = 'opaque-ghes-token-31337';
const github = mockGitHubServer(API, 'https://ghe.harbormutual.example');

describe('GitHub errors never quote the token in use', () => {
  it.each([403, 404, 409, 422, 500])('HTTP %i whose message echoes it bare', async (status) => {
    github.mock.fail(/^\/user$/, {
      kind: 'status',
      status,
      message: `you sent ${TOKEN} (${encodeURIComponent(TOKEN)}, ${btoa(TOKEN)})`,
    });
    const client = createGitHubClient({ token: TOKEN, baseUrl: API, retries: 0 });
    const error: unknown = await getJson(client, '/user', z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    const message = (error as GitHubError).message;
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain(btoa(TOKEN));
    // The server's other words stay: they say what to fix.
    if (status !== 404) expect(message).toContain('you sent [redacted]');
  });
});
