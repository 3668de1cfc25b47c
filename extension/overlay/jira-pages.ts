// Page detection for Jira Cloud (`<site>.atlassian.net`) and Jira Data Center, in the shape of
// github-url-detection: each predicate reads only the address. The Jira content script runs only on
// Cloud sites and on the Data Center origins it was registered for, so an address that is not on a
// Cloud site is one of those.
import { overlayHostOf } from './hosts';

/** A Jira issue key: project key (a letter, then letters, digits or _) and a positive number. */
export const JIRA_ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,14}$/;

function segments(url: URL): string[] {
  return url.pathname.split('/').filter((s) => s !== '');
}

/**
 * The issue the page shows: `/browse/KEY-1`, `/jira/…/issues/KEY-1`, a service-desk queue's
 * `/queues/…/KEY-1`, or a board or list with `?selectedIssue=KEY-1`; off Jira Cloud (Data Center),
 * also `/browse/KEY-1` under a context path (`/jira/browse/KEY-1`). Undefined otherwise.
 */
export function jiraIssueKey(url: URL): string | undefined {
  const selected = url.searchParams.get('selectedIssue');
  if (selected && JIRA_ISSUE_KEY.test(selected)) return selected;
  const parts = segments(url);
  const key = parts[parts.length - 1] ?? '';
  const cloud = overlayHostOf(url) === 'jira';
  const browsed = parts[parts.length - 2] === 'browse' && (parts.length === 2 || !cloud);
  if (browsed && JIRA_ISSUE_KEY.test(key)) return key;
  if (parts[0] === 'jira') {
    const last = parts[parts.length - 1] ?? '';
    const parent = parts[parts.length - 2];
    if (JIRA_ISSUE_KEY.test(last) && (parent === 'issues' || parts.includes('queues'))) return last;
  }
  return undefined;
}

/**
 * Path segments Jira serves its own pages and API under, right below the site's root: on Data Center
 * whatever comes before the first of them is the context path (`/jira-a` in `/jira-a/secure/…`).
 * A guess, used only for addresses that are not an issue's own and that no known site covers: a context
 * path may itself hold one of them.
 */
const JIRA_ROOTS = new Set(['browse', 'secure', 'projects', 'issues', 'servicedesk', 'plugins', 'rest']);

/**
 * A site root as compared: `origin` + path with no trailing slash (`https://jira.acme.example/jira`,
 * `https://jira.acme.example` for a root install), dot segments resolved and the host lower-cased as
 * the URL parser does, the path otherwise as given (context paths are case-sensitive; `%2F` stays
 * text within a segment). Undefined for a string that is not an absolute URL.
 */
export function jiraSiteRoot(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Where the first of Jira's own segments is in `parts` (-1: none): what comes before it is a context path. */
const contextEnd = (parts: readonly string[]) => parts.findIndex((part) => JIRA_ROOTS.has(part));

/**
 * The longest of `sites` (site roots, see jiraSiteRoot) that `url` is on: same origin, path under it on a
 * segment boundary, and no context path of its own below it (`/jira-b/secure/…` is another instance behind
 * the same origin, not a page of a root install: that instance would serve it as `/secure/…`).
 */
function knownSiteOf(url: URL, sites: readonly string[]): string | undefined {
  const address = `${url.origin}${url.pathname}`;
  let best: string | undefined;
  for (const given of sites) {
    const root = jiraSiteRoot(given);
    if (root === undefined || new URL(root).origin !== url.origin) continue;
    const under = address === root || address.startsWith(`${root}/`);
    if (!under || contextEnd(address.slice(root.length).split('/').filter(Boolean)) > 0) continue;
    if (best === undefined || root.length > best.length) best = root;
  }
  return best;
}

/**
 * The Jira site an address belongs to: on Jira Cloud its origin (`https://acme.atlassian.net`), on Data
 * Center its origin and context path. An issue's own address, `<site>/browse/KEY-1` (how Data Center
 * links an issue and how the register stores one), gives its site exactly: everything before
 * `/browse/KEY-1`, whatever the context path holds (`https://host/projects/jira`, or the origin alone for
 * a root install). Any other address is told by `sites`, the known Data Center site roots (the stored
 * connections' server addresses, any form jiraSiteRoot reads): the longest one the address is under, on
 * a whole segment, without a context path of its own below it, wins (`/jira` never covers `/jira-b`; a
 * root install does not cover `/jira-b/secure/…`). Only when none covers it is the context path guessed
 * as the part before Jira's own first path segment (`https://host/jira-a` for
 * `https://host/jira-a/secure/RapidBoard.jspa`). Two instances on one origin are two sites. Undefined
 * when the address has no Jira path to tell it by.
 */
export function jiraSiteOf(url: URL, sites: readonly string[] = []): string | undefined {
  if (overlayHostOf(url) === 'jira') return url.origin;
  const parts = segments(url);
  const path = (end: number) =>
    `${url.origin}${parts
      .slice(0, end)
      .map((part) => `/${part}`)
      .join('')}`;
  if (parts.at(-2) === 'browse' && JIRA_ISSUE_KEY.test(parts.at(-1) ?? '')) return path(parts.length - 2);
  const known = knownSiteOf(url, sites);
  if (known !== undefined) return known;
  const at = contextEnd(parts);
  return at < 0 ? undefined : path(at);
}

/** Any page showing one issue, full page or in a side panel. */
export const isJiraIssue = (url: URL): boolean => jiraIssueKey(url) !== undefined;

/** A board (`/jira/software/[c/]projects/KEY/boards/N`), with or without an open issue. */
export const isJiraBoard = (url: URL): boolean =>
  /^\/jira\/software\/(?:c\/)?projects\/[A-Z][A-Z0-9_]*\/boards\/\d+(?:\/|$)/.test(url.pathname);

/** The project key in a `/jira/…/projects/KEY/…` address, or undefined. */
export function jiraProjectKey(url: URL): string | undefined {
  const match = /^\/jira\/(?:[a-z]+\/)*projects\/([A-Z][A-Z0-9_]*)(?:\/|$)/.exec(url.pathname);
  return match?.[1];
}
