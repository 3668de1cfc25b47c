// Byte → text decoding that copes with BOMs, UTF-16 and binary files.

const BINARY_SNIFF = 8 * 1024;
// One decoder for every file: it keeps no state between whole-input decode calls.
const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  // Swap to little-endian ourselves: not every runtime ships a 'utf-16be' decoder.
  const even = bytes.length - (bytes.length % 2);
  const le = new Uint8Array(even);
  for (let i = 0; i < even; i += 2) {
    le[i] = bigEndian ? (bytes[i + 1] ?? 0) : (bytes[i] ?? 0);
    le[i + 1] = bigEndian ? (bytes[i] ?? 0) : (bytes[i + 1] ?? 0);
  }
  return new TextDecoder('utf-16le').decode(le);
}

/**
 * The bytes `decodeText` would decode as UTF-8 (a UTF-8 BOM cut off), or undefined when it would decode
 * them as UTF-16 (BOM) or call them binary. Lets a scanner look at bytes before paying for a string.
 */
export function utf8Body(bytes: Uint8Array): Uint8Array | undefined {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return undefined;
  const body = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // indexOf, not a loop: it is native (and memchr on a Node Buffer), and every file passes here. Most
  // files are under the sniff length, so they are searched whole, without a view made for the search.
  const sniffed = body.length <= BINARY_SNIFF ? body : body.subarray(0, BINARY_SNIFF);
  if (sniffed.indexOf(0) !== -1) return undefined;
  return body;
}

/**
 * BOM-aware decoding: UTF-8 (with or without BOM), UTF-16LE/BE with BOM. Invalid UTF-8 becomes
 * replacement characters; a NUL byte in the first 8 KiB without a UTF-16 BOM means binary.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { binary: true } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: decodeUtf16(bytes.subarray(2), false) };
  if (b0 === 0xfe && b1 === 0xff) return { text: decodeUtf16(bytes.subarray(2), true) };
  const body = utf8Body(bytes);
  if (body === undefined) return { binary: true };
  return { text: UTF8.decode(body) };
}
