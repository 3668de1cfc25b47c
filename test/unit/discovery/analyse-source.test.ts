// analyseSource skips decoding what the byte gate rules out; its result must be exactly what decoding
// and detecting gives, for every encoding, every detector, files cut at the bound, and every corpus file.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFile, isCandidatePath, wantsHeadOnly } from '../../../shared/discovery';
import { SIGNAL_WORDS } from '../../../shared/discovery/code';
import { MAX_TEXT_CHARS } from '../../../shared/discovery/detector';
import { analyseSource, prepareSource, type BytesRead } from '../../../shared/discovery/source-file';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** The path every scanner took before: decode, then detect. */
function decodedThenDetected(read: BytesRead, maxBytes: number) {
  const prepared = prepareSource(read, maxBytes);
  return { analysis: detectFile(prepared.file), warnings: prepared.warnings };
}

const SNIPPETS = [
  'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n',
  "import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nc.messages.create({ model: 'claude-3-5-haiku-latest' });\n",
  'MODEL_NAME = os.environ["CHAT_MODEL"]\n',
  'def order_total(items):\n    return sum(i.price for i in items)\n',
  '# uses no model at all\n',
  'model: gpt-4o-mini\nOPENAI_API_KEY: x\n',
  '{"model": "mistral-large-latest"}\n',
];

const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const [hi, lo] = [text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff];
    out.set(bigEndian ? [hi, lo] : [lo, hi], 2 + i * 2);
  }
  return out;
};

const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SNIPPETS),
      fc.constantFrom(...SIGNAL_WORDS).map((w) => ` ${w.toUpperCase()} `),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** The same text as a scanner may find it on disk. */
const encoded = fc
  .tuple(text, fc.nat(6), fc.uint8Array({ maxLength: 3 }))
  .map(([t, how, junk]): Uint8Array => {
    const plain = new TextEncoder().encode(t);
    switch (how) {
      case 0:
        return new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
      case 1:
        return utf16(t, false);
      case 2:
        return utf16(t, true);
      case 3:
        return new Uint8Array([...plain, 0, ...junk]); // binary: a NUL in the head
      case 4:
        return new Uint8Array([...junk, ...plain, 0xc3]); // invalid UTF-8 around the text
      default:
        return plain;
    }
  });

const PATHS = [
  'app.py',
  'src/index.ts',
  'cmd/main.go',
  'lib/client.rs',
  'config/settings.json',
  'values.yaml',
  'Dockerfile',
  'requirements.txt',
  'notebook.ipynb',
  'package.json',
  '.env',
];

describe('analyseSource', () => {
  it('gives what decoding and detecting gives, for generated files of every kind (3,000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), encoded, fc.nat(40), (path, bytes, extra) => {
        // Sometimes the bytes are only the head of a larger file (the scanner's byte bound).
        const read = { path, bytes, size: bytes.length + (extra > 30 ? extra : 0) };
        expect(analyseSource(read, 1024)).toEqual(decodedThenDetected(read, 1024));
      }),
      { numRuns: 3000 },
    );
  });

  it('still warns about source text too large to be hand-written, without a single AI word in it', () => {
    const bytes = new TextEncoder().encode('x = 1\n'.repeat(Math.ceil((MAX_TEXT_CHARS + 10) / 6)));
    const read = { path: 'generated.py', bytes, size: bytes.length };
    const analysed = analyseSource(read, bytes.length);
    expect(analysed).toEqual(decodedThenDetected(read, bytes.length));
    expect(analysed.analysis.warnings?.[0]).toMatch(/too large to be hand-written/);
  });

  it('gives what decoding and detecting gives for every file of the corpora and field cases', () => {
    let compared = 0;
    for (const set of ['corpus', 'corpus-heldout', 'field-cases']) {
      const root = join(FIXTURES, set);
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const full = join(dir, name);
          if (statSync(full).isDirectory()) {
            walk(full);
            continue;
          }
          const path = relative(root, full).split(sep).slice(1).join('/');
          if (!isCandidatePath(path) || wantsHeadOnly(path)) continue;
          const bytes = new Uint8Array(readFileSync(full));
          const read = { path, bytes, size: bytes.length };
          expect(analyseSource(read, 2 << 20), full).toEqual(decodedThenDetected(read, 2 << 20));
          compared++;
        }
      };
      walk(root);
    }
    expect(compared).toBeGreaterThan(200);
  });
});
