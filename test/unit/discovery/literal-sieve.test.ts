// The literal sieve may only skip a regex that would have found nothing: every match of a guarded regex
// holds one of its words. Checked three ways: the words read from patterns written for the purpose,
// strings generated to match each guarded pattern of the code detector, and random text built from the
// patterns' own words, near misses and noise, where the plain regex is the reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseCode } from '../../../shared/discovery/code';
import { CODE_SIEVE } from '../../../shared/discovery/code/sieve';
import { LiteralSieve, requiredLiterals } from '../../../shared/discovery/literal-sieve';
import { compileWordSet } from '../../../shared/discovery/word-gate';
import { emptyAnalysis } from '../../../shared/discovery/types';

/** The same pattern without g or y: `test` from the start, no lastIndex carried between calls. */
const plain = (re: RegExp): RegExp => new RegExp(re.source, re.flags.replace(/[gy]/g, ''));

/** Flips the case of ASCII letters where `flips` says so. */
const recase = (text: string, flips: readonly boolean[]): string =>
  [...text].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');

describe('requiredLiterals', () => {
  it.each([
    [/\b(?:Async)?AzureOpenAI\s*\(/g, ['AzureOpenAI']],
    [/(?:^|[^\w])(?:openai\.)?(?:Async)?OpenAI\s*\(/g, ['OpenAI']],
    [
      /\bort\.InferenceSession\s*\(|\bonnxruntime\.InferenceSession\s*\(/g,
      ['ort.InferenceSession', 'onnxruntime.InferenceSession'],
    ],
    [/\b(GenerativeModel|ChatModel)\s*\(/g, ['GenerativeModel', 'ChatModel']],
    [/model|deploy|engine|llm/i, ['model', 'deploy', 'engine', 'llm']],
    [/ab{0,2}cde/, ['cde']],
    [/abc+de/, ['abc']],
    [/(abc|defg)h/, ['abc', 'defg']],
    [/a[(]b\)cde/, ['b)cde']],
    [/Pinecone\(|faiss\./, ['Pinecone(', 'faiss.']],
  ])('%s needs one of %j', (re, words) => {
    expect(requiredLiterals(re)).toEqual(words);
  });

  it.each([
    [/a|/, 'an empty alternative'],
    [/ab|cdef/, 'an alternative shorter than three characters'],
    [/(?:abc)?x/, 'an optional group'],
    [/(?=abcdef)x/, 'a lookahead'],
    [/\x41bcdef/, 'a hex escape'],
    [/(a)\1bcdef/, 'a back reference'],
    [/abc{/, 'a brace that is no quantifier'],
    [/abcdef/u, 'the u flag'],
  ])('%s has no words it can read: %s', (re) => {
    expect(requiredLiterals(re)).toBeUndefined();
  });
});

describe('word set', () => {
  const words = ['openai', 'faiss.', 'Pinecone(', 'llm', 'gpt', 'AzureOpenAI', 'a b'];
  const escape = (w: string) => w.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  const text = fc
    .array(
      fc.oneof(
        fc.constantFrom(...words),
        fc.constantFrom(...words).map((w) => w.slice(1)),
        fc.constantFrom('é', 'ſ', 'K', '\n', ' ', '(', '.'),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 20 },
    )
    .chain((parts) =>
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }).map((f) => recase(parts.join(''), f)),
    );

  for (const wasmFrom of [0, Infinity]) {
    it(`says which words occur, as a case-insensitive regex per word does (${wasmFrom === 0 ? 'WebAssembly' : 'JavaScript'} loop)`, () => {
      const set = compileWordSet(words, { wasmFrom });
      fc.assert(
        fc.property(text, (t) => {
          const found = set.find(new TextEncoder().encode(t));
          expect([...found]).toEqual(words.map((w) => (new RegExp(escape(w), 'i').test(t) ? 1 : 0)));
        }),
        { numRuns: 2000 },
      );
    });
  }
});

describe('the code detector sieve', () => {
  const guarded = CODE_SIEVE.guarded();

  it('guards the code passes whose words it can read', () => {
    // Clients of every language, env lookups, framework classes, purpose hints, .NET clients, ML context.
    expect(guarded.length).toBeGreaterThan(60);
  });

  it('lets through every string generated to match a guarded pattern, in any letter case', () => {
    let generated = 0;
    for (const re of guarded) {
      // fast-check cannot generate for \b, lookarounds or the i flag: without them the pattern matches
      // more strings, and the words must be in those too.
      const source = re.source.replace(/\\[bB]/g, '');
      let arbitrary: fc.Arbitrary<string>;
      try {
        arbitrary = fc.stringMatching(new RegExp(source, re.flags.replace(/[gyi]/g, '')));
        fc.sample(arbitrary, 1);
      } catch {
        continue;
      }
      generated++;
      fc.assert(
        fc.property(arbitrary, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (s, flips) => {
          const text = re.flags.includes('i') ? recase(s, flips) : s;
          expect(CODE_SIEVE.scan(text).may(re)).toBe(true);
        }),
        { numRuns: 150 },
      );
    }
    expect(generated).toBeGreaterThan(guarded.length * 0.8);
  });

  it('never skips a pattern that matches random text made of its words, near misses and noise', () => {
    const words = [...new Set(guarded.flatMap((re) => CODE_SIEVE.wordsOf(re) ?? []))];
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...words).map((w) => w.slice(0, -1)),
      fc.constantFrom(' ', '(', ')', '.', '"', "'", '=', '\n', '\t', '_', 'é', 'model_path', 'Async'),
      fc.stringMatching(/^[A-Za-z0-9_]{0,12}$/),
    );
    const text = fc
      .tuple(fc.array(piece, { maxLength: 25 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }))
      .map(([parts, flips]) => (flips[0] ? recase(parts.join(''), flips) : parts.join('')));
    fc.assert(
      fc.property(text, (t) => {
        const sieve = CODE_SIEVE.scan(t);
        for (const re of guarded) if (plain(re).test(t)) expect(sieve.may(re), String(re)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('skips a pattern whose words are absent, and runs every pattern it cannot read', () => {
    const sieve = new LiteralSieve();
    const guardedRe = sieve.add(/\bAnthropicBedrock\s*\(/g);
    const unread = sieve.add(/\w+\s*\(/g);
    const scan = sieve.scan('client = OpenAI()');
    expect(scan.may(guardedRe)).toBe(false);
    expect(scan.may(unread)).toBe(true);
    expect(sieve.scan('x = anthropicbedrock').may(guardedRe)).toBe(true);
    // A regex registered after the first scan is looked for from the next scan on.
    const late = sieve.add(/\bLateComer\(/);
    expect(sieve.scan('LateComer(').may(late)).toBe(true);
    expect(sieve.scan('Latecome(').may(late)).toBe(false);
  });

  it('lets the clients a file names through: each is found', () => {
    const text = [
      'from openai import AzureOpenAI, OpenAI',
      'import anthropic, boto3',
      'a = AzureOpenAI(api_version="2024-06-01")',
      'b = anthropic.AnthropicBedrock()',
      'c = boto3.client("bedrock-runtime")',
      'r = client.chat.completions.create(model="gpt-4o-mini")',
      'docs = vectorstore.similarity_search(q)',
    ].join('\n');
    const analysis = emptyAnalysis();
    analyseCode('app.py', text, analysis);
    const providers = [...new Set(analysis.findings.flatMap((f) => (f.provider ? [f.provider] : [])))].sort();
    expect(providers).toEqual(['anthropic', 'aws-bedrock', 'azure-openai', 'openai']);
    expect(analysis.purposeHints).toEqual(['chat', 'retrieval']);
  });
});
