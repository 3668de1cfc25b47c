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
 * whatever comes before the first of them is the context path (`/jira-a` in `/jira-a/browse/KEY-1`).
 * A guess, used only for addresses no known site covers: a context path may itself hold one of them.
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

/** The longest of `sites` (site roots, see jiraSiteRoot) that `url` is on: same origin, path under it on a segment boundary. */
function knownSiteOf(url: URL, sites: readonly string[]): string | undefined {
  const address = `${url.origin}${url.pathname}`;
  let best: string | undefined;
  for (const given of sites) {
    const root = jiraSiteRoot(given);
    if (root === undefined || new URL(root).origin !== url.origin) continue;
    const under = address === root || address.startsWith(`${root}/`);
    if (under && (best === undefined || root.length > best.length)) best = root;
  }
  return best;
}

/**
 * The Jira site an address belongs to: on Jira Cloud its origin (`https://acme.atlassian.net`), on Data
 * Center its origin and context path. `sites` are the known Data Center site roots (the stored
 * connections' server addresses, any form jiraSiteRoot reads): the longest one the address is under
 * wins (`https://host/projects/jira` for `https://host/projects/jira/browse/KEY-1`; `/jira` never covers
 * `/jira-b`). Only when none covers it is the context path guessed as the part before Jira's own first
 * path segment (`https://host/jira-a` for `https://host/jira-a/browse/KEY-1`). Two instances on one
 * origin are two sites. Undefined when the address has no Jira path to tell it by.
 */
export function jiraSiteOf(url: URL, sites: readonly string[] = []): string | undefined {
  if (overlayHostOf(url) === 'jira') return url.origin;
  const known = knownSiteOf(url, sites);
  if (known !== undefined) return known;
  const parts = segments(url);
  const at = parts.findIndex((part) => JIRA_ROOTS.has(part));
  if (at < 0) return undefined;
  return `${url.origin}${parts
    .slice(0, at)
    .map((part) => `/${part}`)
    .join('')}`;
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
