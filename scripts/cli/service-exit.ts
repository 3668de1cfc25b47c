// What a command that talks to GitHub, Jira or Microsoft Graph (SharePoint) exits with when the service turns
// its credentials down, forbids a request or fails for a while, the same for all three, so a CI job has one
// rule: 5 means "replace the credentials", 4 "run again later", 1 "the service would not do this and the run
// stopped", 2 "the job's own set-up is wrong".

/**
 * The service refused the credentials (HTTP 401: wrong, expired, revoked, or for another tenant): the
 * command stopped at that request and sent nothing more with them. Every request after it would be refused
 * too, so no partial result is worth more than this code.
 */
export const CREDENTIALS_REFUSED_EXIT = 5;

/**
 * A passing failure stopped the command, or left it incomplete: a rate limit still in force after the waits
 * the service asked for (429, or GitHub's 403 with rate-limit headers), a server error (5xx), no answer in
 * time, or no answer at all (refused, reset, DNS), each after the retries. Nothing is wrong with the job or
 * its credentials: the same command, run again later, finishes the work (what a run recorded before the
 * failure is kept; a GitHub organisation scan resumes where it stopped). A passing failure on one item of
 * many (one Jira epic, one evidence document) stays that item's, reported under the command's own codes.
 */
export const PASSING_FAILURE_EXIT = 4;

/**
 * The service answered but would not do what was asked, and the command stopped: among others HTTP 403 (the
 * credentials were accepted but may not do this: a missing scope or permission, an organisation's SSO not
 * authorised), a 404, a rejected query, an answer of the wrong shape. A 403 on one item of many (an epic, an
 * evidence document) is that item's, not the run's: the command reports the item and goes on, and its own
 * codes say so.
 */
export const SERVICE_REFUSED_EXIT = 1;

/** The lines of every connector command's --help that give these codes, word for word the same. */
export const SERVICE_EXIT_HELP = [
  '  5 the credentials were refused (HTTP 401: wrong, expired or revoked): the command stopped at that',
  '    request and sent nothing more with them; 4 a passing failure (a rate limit past its waits, HTTP 5xx,',
  '    a timeout, no connection) after the retries: run again later, what was recorded is kept; 1 the service',
  '    refused a request the command cannot go on without (HTTP 403: the credentials lack a permission or',
  '    scope)',
];

/** The words a refused-credentials line ends with (after the request and the service's reason). */
export const NOTHING_MORE_SENT = 'nothing more was sent with these credentials';

/** The words a passing failure's line ends with (after the request and what went wrong). */
export const RUN_AGAIN_LATER = 'run again later';
