// What a command that talks to GitHub, Jira or Microsoft Graph (SharePoint) exits with when the service turns
// its credentials down, the same for all three, so a CI job has one rule: 5 means "replace the credentials",
// 1 "the service would not do this (or failed) and the run stopped", 2 "the job's own set-up is wrong".

/**
 * The service refused the credentials (HTTP 401: wrong, expired, revoked, or for another tenant): the
 * command stopped at that request and sent nothing more with them. Every request after it would be refused
 * too, so no partial result is worth more than this code.
 */
export const CREDENTIALS_REFUSED_EXIT = 5;

/**
 * The service answered but would not do what was asked, or failed, and the command stopped: among others
 * HTTP 403 (the credentials were accepted but may not do this: a missing scope or permission, an
 * organisation's SSO not authorised). A 403 on one item of many (an epic, an evidence document) is that
 * item's, not the run's: the command reports the item and goes on, and its own codes say so.
 */
export const SERVICE_REFUSED_EXIT = 1;

/** The lines of every connector command's --help that give these codes, word for word the same. */
export const SERVICE_EXIT_HELP = [
  '  5 the credentials were refused (HTTP 401: wrong, expired or revoked): the command stopped at that',
  '    request and sent nothing more with them; 1 the service refused a request the command cannot go on',
  '    without (HTTP 403: the credentials lack a permission or scope)',
];

/** The words a refused-credentials line ends with (after the request and the service's reason). */
export const NOTHING_MORE_SENT = 'nothing more was sent with these credentials';
