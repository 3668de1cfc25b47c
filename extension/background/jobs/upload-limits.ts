// The limits of a bundle upload, shared by the page that sends it and the background that takes it.

/** Bytes of the file the dashboard reads and sends per message. */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Longest chunk one message may carry, in UTF-16 code units: CHUNK_BYTES of UTF-8 decode to at most
 * that many, so twice that leaves room and still bounds a message.
 */
export const MAX_CHUNK_CHARS = 2 * CHUNK_BYTES;
/** Largest bundle taken, in bytes as declared and in characters as received. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
/** An upload with no new chunk for this long (ms) is abandoned: its staged items are deleted. */
export const ABANDONED_AFTER_MS = 10 * 60 * 1000;
