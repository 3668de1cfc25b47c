// `node:stream` for the extension bundle. jira.js imports it lazily to accept Node streams as
// attachments; the background never uploads attachments, and a browser has no Node streams, so there is
// no Readable class to match against (jira.js checks `Readable && file instanceof Readable`).
export const Readable = undefined;

export default { Readable };
