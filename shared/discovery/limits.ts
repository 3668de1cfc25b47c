// Byte bounds shared by the file-system and git readers.

/** Default cap on bytes read from one text file. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** Model files: only this much of the head is read; the rest is only hashed. */
export const HEAD_BYTES = 64 * 1024;
