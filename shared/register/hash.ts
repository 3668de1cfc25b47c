// Content hashing that gives the same answer in the service worker, a page and Node.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256(typeof input === 'string' ? utf8ToBytes(input) : input));
}

/**
 * SHA-256 of a string's UTF-8 bytes as 64 lowercase hex digits. The register's hashes go through one of
 * these so a host with a native digest (Node's crypto) can hand it in; it must give what `sha256Hex` gives
 * for every string, lone surrogates included (encoded as U+FFFD, as TextEncoder does).
 */
export type TextSha256 = (text: string) => string;

/** JSON with object keys sorted, so equal records hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
