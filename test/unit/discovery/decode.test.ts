import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/discovery';
import { utf8Body } from '../../../shared/discovery/decode';

const utf16le = (s: string): Uint8Array => {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + i * 2] = s.charCodeAt(i) & 0xff;
    out[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
};

describe('decodeText', () => {
  it('decodes plain UTF-8 and strips a UTF-8 BOM', () => {
    expect(decodeText(new TextEncoder().encode('openai==1.0\n'))).toEqual({ text: 'openai==1.0\n' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a' });
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM', () => {
    expect(decodeText(utf16le('torch==2.4\r\n'))).toEqual({ text: 'torch==2.4\r\n' });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]);
    expect(decodeText(be)).toEqual({ text: 'hi' });
  });

  it('turns invalid UTF-8 into replacement characters instead of calling it binary', () => {
    const result = decodeText(new Uint8Array([0x61, 0xff, 0xfe, 0x62, 0xc3]));
    expect(result).toEqual({ text: 'a\ufffd\ufffdb\ufffd' });
  });

  it('calls NUL bytes without a UTF-16 BOM binary', () => {
    expect(decodeText(new Uint8Array([0x47, 0x47, 0x55, 0x46, 0x00, 0x03]))).toEqual({ binary: true });
  });

  it('looks for NUL bytes in the first 8 KiB only, in a Buffer as in a plain Uint8Array', () => {
    const withNulAt = (at: number, length: number): Uint8Array => {
      const bytes = new Uint8Array(length).fill(0x61);
      bytes[at] = 0;
      return bytes;
    };
    for (const view of [(b: Uint8Array) => b, (b: Uint8Array) => Buffer.from(b)]) {
      expect(decodeText(view(withNulAt(8191, 9000)))).toEqual({ binary: true });
      expect(decodeText(view(withNulAt(8191, 8192)))).toEqual({ binary: true });
      expect(decodeText(view(withNulAt(8192, 9000)))).toEqual({
        text: `${'a'.repeat(8192)}\0${'a'.repeat(807)}`,
      });
      // Behind a UTF-8 BOM the 8 KiB count from the first byte after it.
      const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...withNulAt(8192, 8300)]);
      expect(utf8Body(view(bom))?.length).toBe(8300);
      expect(utf8Body(view(new Uint8Array([0xef, 0xbb, 0xbf, ...withNulAt(8191, 8192)])))).toBeUndefined();
    }
  });
});
