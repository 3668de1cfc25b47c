// Page detection for SharePoint Online (`<tenant>.sharepoint.com`), in the shape of
// github-url-detection: each predicate reads only the address.

/** A document the page shows, as far as the address says. */
export interface SharePointDocumentRef {
  /** Server-relative site path: `/sites/aims`, `/teams/risk`, or `/` for the root site. */
  site: string;
  /** Server-relative path of the file, when the address carries it. */
  path?: string;
  /** The file's name alone, as a viewer's `file=` gives it (no folder: not a path). */
  name?: string;
  /** The file's unique id (GUID, lower case, no braces), when the address carries it. */
  uniqueId?: string;
}

const DOCUMENT_EXTENSION = /\.(?:docx?|xlsx?|pptx?|pdf|md|txt|csv|vsdx|one)$/i;
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `/sites/<name>` or `/teams/<name>` at the start of a path, else `/`. */
export function sharePointSite(url: URL): string {
  const match = /^\/(sites|teams)\/([^/]+)/i.exec(url.pathname);
  return match ? `/${match[1]}/${decoded(match[2] ?? '')}` : '/';
}

/**
 * The document of a viewer (`/_layouts/15/Doc.aspx?sourcedoc={guid}`), a library preview
 * (`…/Forms/AllItems.aspx?id=/sites/x/Shared Documents/a.pdf`), a sharing link
 * (`/:w:/r/sites/x/…/a.docx`) or a direct file address. Undefined for other pages.
 */
export function sharePointDocument(url: URL): SharePointDocumentRef | undefined {
  // A sharing link (`/:w:/r/…`, `/:x:/s/…`) wraps an ordinary server-relative address.
  const sharing = /^\/:[a-z]:\/[rsg](\/.*)$/i.exec(url.pathname);
  const path = sharing ? (sharing[1] ?? '/') : url.pathname;
  const inner = new URL(path, url);
  const sourcedoc = GUID.exec(url.searchParams.get('sourcedoc') ?? '');
  if (/\/_layouts\/15\/(?:Doc|WopiFrame)\.aspx$/i.test(path)) {
    if (!sourcedoc) return undefined;
    const file = url.searchParams.get('file');
    return {
      site: sharePointSite(inner),
      uniqueId: (sourcedoc[1] ?? '').toLowerCase(),
      ...(file ? { name: file } : {}),
    };
  }
  const previewed = url.searchParams.get('id');
  if (/\/Forms\/[^/]+\.aspx$/i.test(path) && previewed && DOCUMENT_EXTENSION.test(previewed)) {
    return { site: sharePointSite(new URL(previewed, url)), path: previewed };
  }
  if (DOCUMENT_EXTENSION.test(path) && !/\/_layouts\//i.test(path)) {
    return { site: sharePointSite(inner), path: decoded(path) };
  }
  return undefined;
}

export const isSharePointDocument = (url: URL): boolean => sharePointDocument(url) !== undefined;

/** A list view: `/sites/x/Lists/<name>/<view>.aspx`. */
export const isSharePointList = (url: URL): boolean => /\/Lists\/[^/]+\/[^/]+\.aspx$/i.test(url.pathname);

/** A document library view without a previewed file. */
export const isSharePointLibrary = (url: URL): boolean =>
  /\/Forms\/[^/]+\.aspx$/i.test(url.pathname) && !isSharePointDocument(url);
