// Evidence snippets are shown in scan tables, JSON, CycloneDX and the register: a credential on a
// scanned line must never travel with them. Masked: tokens with a well-known shape (OpenAI and
// Anthropic keys, GitHub, GitLab, Slack, Hugging Face, AWS, Google), JSON Web Tokens, bearer tokens,
// passwords in URLs, and string literals assigned to a credential-named key.

export const MASK = '***';

/** Known token shapes: the prefix that names the issuer stays, the secret part goes. */
const TOKEN_SHAPES: RegExp[] = [
  /\b(sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-|admin-)?)[A-Za-z0-9_-]{16,}/g,
  /\b(gh[pousr]_)[A-Za-z0-9]{20,}/g,
  /\b(github_pat_)[A-Za-z0-9_]{20,}/g,
  /\b(glpat-)[A-Za-z0-9_-]{16,}/g,
  /\b(xox[abprs]-)[A-Za-z0-9-]{10,}/g,
  /\b(hf_)[A-Za-z0-9]{20,}/g,
  /\b((?:AKIA|ASIA))[A-Z0-9]{16}\b/g,
  /\b(AIza)[A-Za-z0-9_-]{30,}/g,
  /\b(r8_)[A-Za-z0-9]{20,}/g,
  /\b(eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/** `scheme://user:password@host`: the password goes. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]+:)[^\s/@'"]+(@)/gi;

/** `Authorization: Bearer <token>` and the like. */
const BEARER = /\b((?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]{12,}/g;

/** `api_key = "..."`, `"password": "..."`, `token: '...'`: a quoted literal after a credential name. */
const NAMED_LITERAL =
  /((?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|access[_-]?key|client[_-]?secret|auth[_-]?key|private[_-]?key|credential)s?["']?\s*(?:=|:|:=|=>)\s*)(["'`])([^"'`\s]{6,})\2/gi;

/** Values that only point at a secret (an environment variable or a template), kept as they are. */
const REFERENCE = /^(?:\$\{?[A-Za-z_]|\{\{|<[^>]*>$|process\.env|os\.environ|env\.|secrets\.|%\(|\$\()/;

/** The line with every credential-looking value replaced by MASK (issuer prefixes kept). */
export function maskSecrets(line: string): string {
  let out = line;
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, (_m, prefix: string) => `${prefix}${MASK}`);
  out = out.replace(URL_PASSWORD, (_m, head: string, at: string) => `${head}${MASK}${at}`);
  out = out.replace(BEARER, (_m, head: string) => `${head}${MASK}`);
  out = out.replace(NAMED_LITERAL, (match, head: string, quote: string, value: string) =>
    REFERENCE.test(value) || value.endsWith(MASK) ? match : `${head}${quote}${MASK}${quote}`,
  );
  return out;
}
