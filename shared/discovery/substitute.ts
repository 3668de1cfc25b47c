// Shell and template substitution as configuration files use it: `${NAME:-default}`, `${NAME=default}`,
// `$NAME` with Dockerfile ARG/ENV defaults. Static reading: a default is what runs unless the
// deployment overrides it, so it is the value an inventory records.

/** `${NAME:-x}`, `${NAME-x}`, `${NAME:=x}`, `${NAME=x}` (shell and azd parameter files). */
const SHELL_DEFAULT = /\$\{([A-Za-z_][A-Za-z0-9_]{0,80})(?::?[-=])([^{}\n]{0,200})\}/g;
/** `${NAME}` and `$NAME`. */
const SHELL_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]{0,80})\}|([A-Za-z_][A-Za-z0-9_]{0,80}))/g;
/** `${NAME:+x}`: expands to x only when NAME is set; statically, to nothing. */
const SHELL_ALTERNATE = /\$\{[A-Za-z_][A-Za-z0-9_]{0,80}:?\+[^{}\n]{0,200}\}/g;

/**
 * Replaces shell defaults by their default, known variables by their value, and conditional
 * expansions by nothing. Unknown plain references are left as written. Offsets are not kept: run it on
 * single values or lines, not on whole files whose lines must still be counted (lines are kept).
 */
export function expandShell(text: string, known: Readonly<Record<string, string>> = {}): string {
  if (!text.includes('$')) return text;
  return text
    .replace(SHELL_ALTERNATE, '')
    .replace(SHELL_DEFAULT, (_all, name: string, fallback: string) => known[name] ?? fallback)
    .replace(SHELL_REF, (all, braced: string | undefined, bare: string | undefined) => {
      const value = known[braced ?? bare ?? ''];
      return value ?? all;
    });
}

/** The default of a value that is exactly one substitution (`${AZURE_OPENAI_MODEL=gpt-4o}` → `gpt-4o`). */
export function shellDefaultOf(value: string): string | undefined {
  const m = /^\$\{[A-Za-z_][A-Za-z0-9_]{0,80}:?[-=]([^{}\n]{0,200})\}$/.exec(value.trim());
  return m ? m[1] : undefined;
}

/** Dockerfile `ARG NAME=value` and `ENV NAME=value` / `ENV NAME value`, in order (later wins). */
export function dockerfileVariables(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of text.matchAll(/^[ \t]*(ARG|ENV)[ \t]+([^\n]{1,400})$/gim)) {
    const rest = (m[2] ?? '').trim();
    const pairs = [...rest.matchAll(/([A-Za-z_][A-Za-z0-9_]{0,80})=("[^"\n]*"|'[^'\n]*'|\S*)/g)];
    if (pairs.length > 0) {
      for (const p of pairs) {
        const raw = (p[2] ?? '').replace(/^["']|["']$/g, '');
        if (p[1] && raw !== '') vars[p[1]] = expandShell(raw, vars);
      }
    } else if ((m[1] ?? '').toUpperCase() === 'ENV') {
      const legacy = /^([A-Za-z_][A-Za-z0-9_]{0,80})[ \t]+(\S[^\n]*)$/.exec(rest);
      if (legacy?.[1] && legacy[2]) vars[legacy[1]] = expandShell(legacy[2].trim(), vars);
    }
  }
  return vars;
}

/**
 * Expands substitutions line by line, keeping the line count, so that detectors can match `--model`
 * values written as `${MODEL:-org/name}` or `$MODEL` (with a Dockerfile's ARG/ENV defaults).
 */
export function expandLines(text: string, known: Readonly<Record<string, string>>): string {
  if (!text.includes('$')) return text;
  return text
    .split('\n')
    .map((line) => expandShell(line, known))
    .join('\n');
}
