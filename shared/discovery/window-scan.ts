// The word gate's inner loop (word-gate.ts) as a few dozen bytes of WebAssembly: for each 4-byte window
// at an even offset, fold it to lower case, hash it and look the hash up in a bit table; stop at the
// first set bit. The same steps as the JavaScript loop, in about half its time on source text (the
// bytes are copied into the module's memory first, which costs far less than the loop saves). Where
// WebAssembly is unavailable (a content security policy without 'wasm-unsafe-eval') there is none, and
// the gate keeps its JavaScript loop.

/** Finds windows whose hashed, folded value has its bit set in a table. */
export interface WindowScanner {
  /**
   * The offset of the first window of `bytes` at an even offset `from` or later whose bit is set, or
   * -1 when none is (every window checked lies wholly inside `bytes`).
   */
  next(from: number): number;
  /** Copies `bytes` in as the input of the next `next` calls; false when they are too large to take. */
  load(bytes: Uint8Array): boolean;
}

/** Where the input starts in the module's memory: after the table (2^20 bits). */
const DATA = 1 << 17;
const PAGE = 1 << 16;
/** Inputs above this are left to the JavaScript loop, so a thread's memory stays bounded. */
export const WINDOW_SCAN_MAX_BYTES = 8 * 1024 * 1024;

/** Signed LEB128, as WebAssembly writes integer constants. */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/**
 * The module: memory 0 exported as "m"; function "s"(p, end) → offset. Written out opcode by opcode
 * (the WebAssembly 1.0 binary format); `fold` and `multiplier` are word-gate.ts's constants.
 */
function moduleBytes(fold: number, multiplier: number, tableBits: number): Uint8Array<ArrayBuffer> {
  const P = 0; // param: current address
  const END = 1; // param: end of input
  const H = 2; // local: the hash
  const code = [
    ...[0x01, 0x01, 0x7f], // one local, i32
    ...[0x02, 0x40, 0x03, 0x40], // block, loop
    // if p + 4 > end: leave the block
    ...[0x20, P, 0x41, 0x04, 0x6a, 0x20, END, 0x4b, 0x0d, 0x01],
    // h = ((load32(p) | fold) * multiplier) >>> (32 - tableBits)
    ...[0x20, P, 0x28, 0x00, 0x00, 0x41, ...sleb(fold), 0x72, 0x41, ...sleb(multiplier), 0x6c],
    ...[0x41, 32 - tableBits, 0x76, 0x22, H],
    // if load32((h >>> 5) << 2) & (1 << (h & 31)): return p
    ...[0x41, 0x05, 0x76, 0x41, 0x02, 0x74, 0x28, 0x02, 0x00, 0x41, 0x01, 0x20, H, 0x74, 0x71],
    ...[0x04, 0x40, 0x20, P, 0x0f, 0x0b],
    // p += 2; continue
    ...[0x20, P, 0x41, 0x02, 0x6a, 0x21, P, 0x0c, 0x00],
    ...[0x0b, 0x0b], // end loop, end block
    ...[0x41, 0x7f, 0x0b], // -1, end function
  ];
  const section = (id: number, content: number[]) => [id, ...sleb(content.length), ...content];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]), // type 0: (i32, i32) → i32
    ...section(3, [0x01, 0x00]), // function 0 has type 0
    ...section(5, [0x01, 0x00, DATA / PAGE]), // memory 0: the table's pages to start with
    ...section(7, [0x02, 0x01, 0x6d, 0x02, 0x00, 0x01, 0x73, 0x00, 0x00]), // export "m", "s"
    ...section(10, [0x01, ...sleb(code.length), ...code]),
  ]);
}

/**
 * A scanner over `table` (2^tableBits bits as 32-bit words, bit h of word h >>> 5), or undefined where
 * WebAssembly cannot be compiled. Keys are hashed as `Math.imul(value | fold, multiplier) >>> (32 -
 * tableBits)`, value being the window read little-endian.
 */
export function windowScanner(
  table: Int32Array,
  fold: number,
  multiplier: number,
  tableBits: number,
): WindowScanner | undefined {
  if (table.byteLength !== DATA || 1 << (tableBits - 3) !== DATA) return undefined;
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(fold, multiplier, tableBits)));
  } catch {
    return undefined;
  }
  const memory = instance.exports['m'] as WebAssembly.Memory;
  const scan = instance.exports['s'] as (p: number, end: number) => number;
  new Int32Array(memory.buffer, 0, table.length).set(table);
  let heap = new Uint8Array(memory.buffer);
  let end = DATA;
  return {
    load(bytes) {
      if (bytes.length > WINDOW_SCAN_MAX_BYTES) return false;
      const needed = DATA + bytes.length + 8;
      if (needed > heap.length) {
        try {
          memory.grow(Math.ceil((needed - heap.length) / PAGE));
        } catch {
          return false;
        }
        heap = new Uint8Array(memory.buffer);
      }
      heap.set(bytes, DATA);
      end = DATA + bytes.length;
      return true;
    },
    next(from) {
      const at = scan(DATA + from, end);
      return at === -1 ? -1 : at - DATA;
    },
  };
}
