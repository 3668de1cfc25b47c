// The one place server text is made safe to quote: the credential in use in every form it travels in, and
// anything shaped like somebody's credential, whoever sent it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, serverText } from '../../../connectors/redact';

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('redactSecrets', () => {
  it('takes out the token in use, URL-encoded and base64-encoded too', () => {
    const token = 'opaque/token+42=';
    const text = `sent ${token}, as ${encodeURIComponent(token)}, as ${btoa(token)}`;
    expect(redactSecrets(text, [token])).toBe(`sent ${REDACTED}, as ${REDACTED}, as ${REDACTED}`);
  });

  it('takes out the longest secret whole, and ignores secrets too short to be one', () => {
    expect(redactSecrets('a@b.example:tok-1234', ['tok-1234', 'a@b.example:tok-1234'])).toBe(REDACTED);
    expect(redactSecrets('the abc of it', ['abc'])).toBe('the abc of it');
  });

  it.each([
    ['Bearer scheme', 'echo Bearer abc.DEF-123_x~/+==', `echo Bearer ${REDACTED}`],
    ['Basic scheme', 'got basic YW5hOnNlY3JldA==, no', `got basic ${REDACTED}, no`],
    ['classic GitHub token', 'ghp_AbC123def456 is bad', `${REDACTED} is bad`],
    ['GitHub OAuth token', 'x gho_16C7e42F292c6912E7710c838347Ae178B4a', `x ${REDACTED}`],
    ['GitHub user-to-server token', 'x ghu_abcdEFGH1234', `x ${REDACTED}`],
    ['GitHub installation token', 'x ghs_abcdEFGH1234', `x ${REDACTED}`],
    ['GitHub refresh token', 'x ghr_abcdEFGH1234', `x ${REDACTED}`],
    ['fine-grained GitHub token', 'x github_pat_11ABCDEFG0_xyz', `x ${REDACTED}`],
    ['Atlassian API token', 'token ATATT3xFfGF0abc-DEF_ghi=123 refused', `token ${REDACTED} refused`],
    ['JSON Web Token', `token ${JWT} expired`, `token ${REDACTED} expired`],
    ['Authorization header', 'Authorization: token xyz-123\nHost: h', `Authorization: ${REDACTED}\nHost: h`],
    ['JSON-quoted header', '{"authorization":"weird xyz"}', `{"authorization":"${REDACTED}"}`],
    [
      'Proxy-Authorization header',
      'Proxy-Authorization = Negotiate YII',
      `Proxy-Authorization = ${REDACTED}`,
    ],
  ])('takes out a %s', (_shape, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('joins a token cut by escape sequences or invisible characters before it looks, as a terminal would', () => {
    const token = 'my-opaque-token';
    const cut = `x \u001b[31mmy-opaque\u001b[0m-tok\u200ben\u001b]0;title\u0007 y`;
    expect(redactSecrets(cut, [token])).toBe(`x ${REDACTED} y`);
    expect(redactSecrets('ghp_ab\u001b[0mcdef')).toBe(REDACTED);
  });

  it('leaves ordinary server words alone', () => {
    const said = 'Resource not accessible by integration; Bad credentials (see docs.github.com)';
    expect(redactSecrets(said, ['zzzz-token'])).toBe(said);
  });

  it('never lets the token through, wherever it sits in text and whatever surrounds it', () => {
    const token = 'Zq9-opaque-7Kx';
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        expect(redactSecrets(`${before}${token}${after}`, [token])).not.toContain(token);
      }),
    );
  });
});

describe('serverText', () => {
  it('makes one line and cuts to length only after redaction, so no part of a token is left at the cut', () => {
    const token = 'opaque-token-0123456789';
    const text = `${'x'.repeat(290)}\n${token}`;
    const line = serverText(text, [token], 300);
    expect(line).not.toContain('\n');
    expect(line).not.toContain('opaque');
    expect(line.length).toBeLessThanOrEqual(300);
  });
});
