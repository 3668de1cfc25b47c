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
