// Text a server sent back (an error message, a description) becomes part of our own messages: printed on
// stderr, kept in a job record, shown on a page. A server or proxy that echoes the request (a debugging
// proxy, a misconfigured --api-url, a gateway that quotes the Authorization header) would put the
// credential into those messages. Every connector passes server text through here before it is used.
/* eslint-disable no-control-regex -- removing control characters is part of this module's job */

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Escape sequences (CSI, OSC up to BEL/ST, two-byte ESC), then single control, zero-width and
 * bidirectional characters. Removed (not replaced) before redaction, so a token split by them is
 * joined again and recognised; a terminal would have joined it the same way.
 */
const ESCAPES =
  /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]?|(?:\u001B\]|\u009D)[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[@-Z\\-_]?/g;
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Shapes of credentials, whoever's they are (the exact token in use is handled separately):
 * - the value of an `Authorization` / `Proxy-Authorization` header, as quoted in headers-like text
 *   (`Authorization: Bearer x`, `"authorization":"token x"`), up to the end of the line or a quote;
 * - an HTTP scheme and its credential: `Bearer x`, `Basic x`;
 * - GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and fine-grained `github_pat_`;
 * - Atlassian API tokens (`ATATT` followed by the token body);
 * - JSON Web Tokens (base64url `{"` header, `eyJ`), Microsoft Graph's access tokens among them.
 */
const SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^"'\r\n,;}]+/gi, `$1${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  [/\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+/g, REDACTED],
  [/\bATATT[A-Za-z0-9_\-=]+/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){0,2}/g, REDACTED],
];

/** Removes escape sequences and invisible characters (see ESCAPES, INVISIBLE). */
export function stripControls(text: string): string {
  return text.replace(ESCAPES, '').replace(INVISIBLE, '');
}

/**
 * `text` with every credential replaced by "[redacted]": first each of `secrets` (the tokens, e-mail or
 * Basic value in use) also URL-encoded and base64-encoded, longest first so a token inside a longer
 * secret goes whole; then anything shaped like a credential (see SHAPES). Escape sequences and invisible
 * characters are removed first. Secrets shorter than 4 characters are ignored: they would blank out
 * ordinary words. Never throws.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(base64(secret));
  }
  let out = stripControls(text);
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}

/**
 * Server text made fit for one line of our own message: redacted (see redactSecrets), whitespace runs
 * (line breaks among them) made one space, and cut to `maxChars` (default 300) after redaction, so a
 * cut can never leave part of a secret that redaction would have recognised whole.
 */
export function serverText(text: string, secrets: readonly string[] = [], maxChars = 300): string {
  const line = redactSecrets(text, secrets).replace(/\s+/g, ' ').trim();
  return line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
