// `path` for the extension bundle. jira.js pulls in mime-types (for attachments, which AIMS Lens never
// uploads), and mime-types reads `require('path').extname` when loaded. The browser has no `path`; this
// is the one function it asks for, on POSIX-style names.

/** The extension of the last segment, dot included ('a/b.tar.gz' → '.gz'; '.env' and 'x' → ''). */
export function extname(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

export default { extname };
