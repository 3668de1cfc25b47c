// Walking a JQL search page by page: Cloud's enhanced search follows nextPageToken, Data Center follows
// startAt. A Cloud page token that expired mid-walk (they live for days, but a run can be resumed later)
// restarts the walk once from the top; issues already yielded are not yielded again.
import type { JiraApi, SearchCursor, SkippedTicket } from './client';
import { JiraError } from './errors';
import type { JiraIssue } from './payloads';
import type { JiraLog } from './retry';

export interface SearchOptions {
  log: JiraLog;
  /** A safety stop for runaway paging (a server that never ends its pages). */
  maxPages?: number;
  /** Told of each malformed ticket a page held (it is left out; the walk goes on). */
  onSkip?: (ticket: SkippedTicket) => void;
}

/** Yields each page's issues in order; each issue once. Throws JiraError. */
export async function* searchIssues(
  api: JiraApi,
  jql: string,
  options: SearchOptions,
): AsyncGenerator<JiraIssue[]> {
  const maxPages = options.maxPages ?? 10_000;
  const first: SearchCursor = api.flavour === 'cloud' ? { kind: 'token' } : { kind: 'offset', startAt: 0 };
  const seen = new Set<string>();
  let cursor: SearchCursor | undefined = first;
  let restarted = false;
  let pages = 0;
  while (cursor) {
    if (++pages > maxPages) {
      throw new JiraError(
        'malformed',
        'search issues',
        `Jira kept returning pages after ${maxPages}; stopped`,
      );
    }
    let page;
    try {
      page = await api.searchPage(jql, cursor);
    } catch (error) {
      const expired = error instanceof JiraError && error.failure === 'page-token-expired';
      if (!expired || restarted || cursor.kind !== 'token' || !cursor.token) throw error;
      restarted = true;
      options.log(
        `jira: the search page token expired after ${seen.size} issue(s); starting the search again`,
      );
      cursor = first;
      continue;
    }
    const fresh = page.issues.filter((issue) => !seen.has(issue.key));
    fresh.forEach((issue) => seen.add(issue.key));
    options.log(
      `jira: page ${pages}: ${page.issues.length} issue(s)${page.skipped.length ? `, ${page.skipped.length} malformed skipped` : ''}`,
    );
    for (const ticket of page.skipped) {
      if (seen.has(ticket.key)) continue;
      seen.add(ticket.key);
      options.onSkip?.(ticket);
    }
    if (fresh.length > 0) yield fresh;
    cursor = page.next;
  }
}
