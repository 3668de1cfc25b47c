// Microsoft 365 sign-in: PKCE S256, the state check, the code exchange and refresh, against a
// token endpoint that answers as Microsoft's identity platform documents.
import { sha256 } from '@noble/hashes/sha2.js';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPkce,
  needsRefresh,
  refreshMicrosoft,
  signInMicrosoft,
  type MicrosoftAuthDeps,
} from '../../../extension/background/connections/microsoft-auth';
import { mswServer } from '../../support/msw';

const APP = { tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' };
const TOKEN_URL = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token';
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const NOW = new Date('2026-03-02T09:00:00Z');

const forms: URLSearchParams[] = [];
const server = mswServer();
afterEach(() => {
  forms.length = 0;
});

function tokenEndpoint(answer: (form: URLSearchParams) => Response) {
  server.use(
    http.post(TOKEN_URL, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      forms.push(form);
      return answer(form);
    }),
  );
}

let counter = 0;
const random = (n: number) => Uint8Array.from({ length: n }, () => counter++ % 256);

function deps(launch: MicrosoftAuthDeps['launch']): MicrosoftAuthDeps {
  return { launch, redirectUri: REDIRECT, fetch: (...a) => fetch(...a), random, now: () => NOW };
}

/** The identity provider: reads the authorize URL and redirects back with a code and its state. */
const approve =
  (extra: Record<string, string> = {}) =>
  async (url: string) => {
    const sent = new URL(url).searchParams;
    const back = new URL(REDIRECT);
    back.searchParams.set('code', 'auth-code-1');
    back.searchParams.set('state', sent.get('state') ?? '');
    for (const [k, v] of Object.entries(extra)) back.searchParams.set(k, v);
    launched.push(sent);
    return back.href;
  };
const launched: URLSearchParams[] = [];

describe('Microsoft 365 sign-in', () => {
  it('makes an S256 challenge from a 43-character verifier', () => {
    const { verifier, challenge } = createPkce(random);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expected = Buffer.from(sha256(new TextEncoder().encode(verifier))).toString('base64url');
    expect(challenge).toBe(expected);
  });

  it('signs in with PKCE and keeps the refresh token', async () => {
    tokenEndpoint(() =>
      HttpResponse.json({
        token_type: 'Bearer',
        access_token: 'at-1',
        refresh_token: 'rt-1',
        expires_in: 3599,
        scope: 'Sites.Read.All User.Read',
      }),
    );
    const tokens = await signInMicrosoft(APP, deps(approve()));
    expect(tokens).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: '2026-03-02T09:59:59.000Z',
      scope: 'Sites.Read.All User.Read',
    });
    const sent = launched.at(-1)!;
    expect(sent.get('code_challenge_method')).toBe('S256');
    expect(sent.get('redirect_uri')).toBe(REDIRECT);
    expect(sent.get('scope')).toContain('offline_access');
    // The verifier sent to the token endpoint is the one the challenge was made from.
    const form = forms[0]!;
    expect(form.get('grant_type')).toBe('authorization_code');
    const challenge = Buffer.from(sha256(new TextEncoder().encode(form.get('code_verifier') ?? ''))).toString(
      'base64url',
    );
    expect(challenge).toBe(sent.get('code_challenge'));
  });

  it('refuses a redirect whose state is not the one sent, before exchanging any code', async () => {
    await expect(
      signInMicrosoft(
        APP,
        deps(async () => `${REDIRECT}?code=stolen&state=forged`),
      ),
    ).rejects.toThrow(/does not match this sign-in/);
    expect(forms).toHaveLength(0);
  });

  it('reports the identity platform’s refusal and a cancelled sign-in', async () => {
    await expect(
      signInMicrosoft(
        APP,
        deps(async () => `${REDIRECT}?error=access_denied&error_description=The+user+cancelled`),
      ),
    ).rejects.toThrow('Microsoft sign-in failed (access_denied: The user cancelled)');
    await expect(
      signInMicrosoft(
        APP,
        deps(async () => {
          throw new Error('The user did not approve access.');
        }),
      ),
    ).rejects.toThrow(/did not approve/);
    tokenEndpoint(() =>
      HttpResponse.json(
        {
          error: 'invalid_grant',
          error_description: 'AADSTS70008: The provided authorization code has expired.\nTrace ID: x',
        },
        { status: 400 },
      ),
    );
    await expect(signInMicrosoft(APP, deps(approve()))).rejects.toThrow(
      'Microsoft sign-in failed (invalid_grant: AADSTS70008: The provided authorization code has expired.)',
    );
  });

  it('refreshes, keeping the old refresh token when none is rotated in', async () => {
    tokenEndpoint((form) =>
      form.get('refresh_token') === 'rt-1'
        ? HttpResponse.json({
            token_type: 'Bearer',
            access_token: 'at-2',
            expires_in: 3600,
            scope: 'Sites.Read.All',
          })
        : HttpResponse.json({ error: 'invalid_grant' }, { status: 400 }),
    );
    const old = {
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: '2026-03-02T09:01:00.000Z',
      scope: '',
    };
    expect(needsRefresh(old, NOW)).toBe(true);
    const renewed = await refreshMicrosoft(APP, old, deps(approve()));
    expect(renewed).toEqual({
      accessToken: 'at-2',
      refreshToken: 'rt-1',
      expiresAt: '2026-03-02T10:00:00.000Z',
      scope: 'Sites.Read.All',
    });
    expect(needsRefresh(renewed, NOW)).toBe(false);
    await expect(refreshMicrosoft(APP, { ...old, refreshToken: 'revoked' }, deps(approve()))).rejects.toThrow(
      /invalid_grant/,
    );
    await expect(
      refreshMicrosoft(APP, { accessToken: 'a', expiresAt: '', scope: '' }, deps(approve())),
    ).rejects.toThrow(/sign in again/);
  });
});
