// A failure the user can fix somewhere else in the extension: the reply names where, so the page can
// offer a button (e.g. open the Connections page to sign in) instead of only a message.
import type { Remedy } from './messages';

export class RemedyError extends Error {
  constructor(
    message: string,
    readonly remedy: Remedy,
  ) {
    super(message);
    this.name = 'RemedyError';
  }
}
