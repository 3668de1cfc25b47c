// Small HTML helpers for pages that must stand alone: everything escaped, nothing loaded from elsewhere.

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Only http(s) links to source tools become clickable; anything else is shown as text. */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

/** An outbound link the reader may click; never fetched by the page itself. */
export function externalLink(url: string, label?: string): string {
  const href = safeHref(url);
  const text = escapeHtml(label ?? url);
  return href
    ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${text}</a>`
    : `<span>${text}</span>`;
}

export const BASE_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#fff}
header{background:#12355b;color:#fff;padding:12px 24px}
header a{color:#fff;margin-right:16px;text-decoration:none}
header strong{margin-right:24px}
main{padding:16px 24px;max-width:1200px}
h1{font-size:22px;margin:8px 0 12px}h2{font-size:17px;margin:20px 0 8px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f7}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;word-break:break-all}
.ok{color:#116329}.bad{color:#a40e26}.warn{color:#7d4e00}.muted{color:#57606a}
.pill{display:inline-block;padding:0 6px;border-radius:8px;background:#eaeef2;font-size:12px}
td code{display:inline-block;min-width:9em}
`.trim();

/**
 * A complete document. The CSP forbids every fetch (no scripts, fonts, images or styles from anywhere but
 * this file); links still navigate when clicked.
 */
export function htmlDocument(
  title: string,
  body: string,
  options: { css?: string; nav?: string } = {},
): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta http-equiv="x-dns-prefetch-control" content="off">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${options.css ?? BASE_CSS}</style>`,
    '</head>',
    '<body>',
    options.nav ?? '',
    `<main>${body}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A table from already-escaped cell HTML. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
