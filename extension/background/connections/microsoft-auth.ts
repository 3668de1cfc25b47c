// Microsoft 365 sign-in for the SharePoint connector: OAuth 2.0 authorization code flow with PKCE
// (RFC 7636) through the browser's identity.launchWebAuthFlow, then refresh-token renewal.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import type { MicrosoftTokens } from './settings';
import { serverText } from '../../../connectors/redact';

/** Delegated Graph scopes: read sites and lists, and a refresh token (offline_access). */
export const MICROSOFT_SCOPES = ['offline_access', 'User.Read', 'Sites.Read.All'];

export interface MicrosoftAuthDeps {
  /** identity.launchWebAuthFlow({ url, interactive: true }): resolves with the final redirect URL. */
  launch: (url: string) => Promise<string>;
  /** identity.getRedirectURL() */
  redirectUri: string;
  fetch: typeof fetch;
  random: (bytes: number) => Uint8Array;
  now: () => Date;
}

interface App {
  tenant: string;
  clientId: string;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PKCE verifier (43 chars from 32 random bytes) and its S256 challenge. */
export function createPkce(random: (bytes: number) => Uint8Array): { verifier: string; challenge: string } {
  const verifier = base64url(random(32));
  return { verifier, challenge: base64url(sha256(new TextEncoder().encode(verifier))) };
}

const endpoint = (tenant: string, path: 'authorize' | 'token') =>
  `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/${path}`;

export function authorizeUrl(app: App, redirectUri: string, challenge: string, state: string): string {
  const url = new URL(endpoint(app.tenant, 'authorize'));
  url.search = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    response_mode: 'query',
    scope: MICROSOFT_SCOPES.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'select_account',
  }).toString();
  return url.href;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().int().positive(),
  scope: z.string().default(''),
});
const TokenError = z.object({ error: z.string(), error_description: z.string().optional() });

async function requestTokens(
  app: App,
  form: Record<string, string>,
  deps: MicrosoftAuthDeps,
): Promise<MicrosoftTokens> {
  const response = await deps.fetch(endpoint(app.tenant, 'token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: app.clientId,
      scope: MICROSOFT_SCOPES.join(' '),
      ...form,
    }).toString(),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = TokenError.safeParse(body);
    // The description names the problem (AADSTS codes); the first line is enough for people.
    const why = error.success
      ? serverText(
          `${error.data.error}: ${(error.data.error_description ?? '').split('\n')[0]}`,
          // The form's refresh token or authorisation code, should the endpoint echo the request.
          [form.refresh_token, form.code, form.code_verifier].filter((v): v is string => !!v),
        )
      : `HTTP ${response.status}`;
    throw new Error(`Microsoft sign-in failed (${why})`);
  }
  const tokens = TokenResponse.safeParse(body);
  if (!tokens.success) throw new Error('Microsoft sign-in failed (unexpected token response)');
  return {
    accessToken: tokens.data.access_token,
    ...(tokens.data.refresh_token ? { refreshToken: tokens.data.refresh_token } : {}),
    expiresAt: new Date(deps.now().getTime() + tokens.data.expires_in * 1000).toISOString(),
    scope: tokens.data.scope,
  };
}

/**
 * Signs in interactively and returns the tokens. Throws when the user cancels, when the redirect
 * carries an error, or when its `state` is not the one sent (a forged or replayed redirect).
 */
export async function signInMicrosoft(app: App, deps: MicrosoftAuthDeps): Promise<MicrosoftTokens> {
  const { verifier, challenge } = createPkce(deps.random);
  const state = base64url(deps.random(16));
  const redirected = new URL(await deps.launch(authorizeUrl(app, deps.redirectUri, challenge, state)));
  const params = redirected.searchParams;
  if (params.get('error'))
    throw new Error(
      `Microsoft sign-in failed (${params.get('error')}: ${params.get('error_description') ?? ''})`,
    );
  if (params.get('state') !== state)
    throw new Error('Microsoft sign-in failed (the answer does not match this sign-in)');
  const code = params.get('code');
  if (!code) throw new Error('Microsoft sign-in failed (no authorization code)');
  return requestTokens(
    app,
    { grant_type: 'authorization_code', code, redirect_uri: deps.redirectUri, code_verifier: verifier },
    deps,
  );
}

/** Renews tokens with the refresh token; Microsoft may rotate it, so the new one replaces the old. */
export async function refreshMicrosoft(
  app: App,
  tokens: MicrosoftTokens,
  deps: MicrosoftAuthDeps,
): Promise<MicrosoftTokens> {
  if (!tokens.refreshToken) throw new Error('Microsoft session ended: sign in again');
  const renewed = await requestTokens(
    app,
    { grant_type: 'refresh_token', refresh_token: tokens.refreshToken },
    deps,
  );
  return { ...renewed, refreshToken: renewed.refreshToken ?? tokens.refreshToken };
}

/** True when the access token expires within five minutes (or already has). */
export function needsRefresh(tokens: MicrosoftTokens, now: Date): boolean {
  return new Date(tokens.expiresAt).getTime() - now.getTime() < 5 * 60_000;
}
