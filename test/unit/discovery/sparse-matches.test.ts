// The literal-first shortcuts must find exactly what the regexes they stand for find with matchAll: same
// matches, same order, same offsets, on random text built from the patterns' own pieces, near misses,
// digits, non-ASCII letters, long words and every kind of line end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linesWith, wordsAroundKeywords } from '../../../shared/discovery/sparse-matches';

/** What codeSettingSites matched with before (config-sites.ts), the specification of wordsAroundKeywords. */
const CODE_SETTING =
  /\b([A-Za-z_][\w]{0,80}(?:API_?KEY|api_?key|ApiKey|ENDPOINT|[Ee]ndpoint|BASE_URL|base_url|BaseUrl)[\w]{0,20})\b/g;
const SETTING_KEYWORD = /API_?KEY|api_?key|ApiKey|ENDPOINT|[Ee]ndpoint|BASE_URL|base_url|BaseUrl/g;

/** The alias pattern of the code detector's constant pass (passes.ts), with flags gm and my. */
const ALIAS_SOURCE = String.raw`^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var|val|final|static|public|private|readonly)[ \t]+){0,4}(?:[A-Za-z_][\w.<>]{0,40}[ \t]+)?([A-Za-z_]\w{0,80})[ \t]*(?::[ \t]*[A-Za-z_][\w.]{0,40}[ \t]*)?=[ \t]*(?:[A-Za-z_]\w{0,40}\.){0,3}([A-Za-z_]\w{0,80})[ \t]*;?[ \t]*$`;
const ALIAS_GM = new RegExp(ALIAS_SOURCE, 'gm');
const ALIAS_MY = new RegExp(ALIAS_SOURCE, 'my');

const keywords = ['API_KEY', 'APIKEY', 'api_key', 'apikey', 'ApiKey', 'ENDPOINT', 'Endpoint', 'endpoint'];
const moreKeywords = ['BASE_URL', 'base_url', 'BaseUrl', 'Api_Key', 'API_', 'ENDPOIN', 'baseurl', 'KEY'];

/** Text from pieces that make, break and border the settings' words. */
const settingText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...keywords, ...moreKeywords),
      fc.constantFrom('OPENAI_', 'azure_openai_', 'x', '_', '9', 'é', 'Ö', ' ', '.', '-', '(', '"', '\n'),
      fc.stringMatching(/^[A-Za-z0-9_]{0,90}$/),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** Lines of assignments, near misses and declarations, joined by any of the line ends JS regexes know. */
const aliasText = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'CHAT_MODEL = DEFAULT_MODEL',
          'export const chatModel = config.defaultModel;',
          '  static final String MODEL = Defaults.MODEL;',
          'let a: Foo = b.c.d.e',
          'x == y',
          'a = "literal"',
          'const = x',
          '\tprivate readonly model=cfg.model ; ',
          '=',
          '',
        ),
        fc.string({ maxLength: 20 }),
        fc.stringMatching(/^[ \tA-Za-z_.=:;<>]{0,50}$/),
      ),
      fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029'),
    ),
    { maxLength: 12 },
  )
  .map((lines) => lines.map(([line, end]) => line + end).join(''));

describe('wordsAroundKeywords', () => {
  it('finds what the setting-name regex finds, in order, on random text', () => {
    fc.assert(
      fc.property(settingText, (text) => {
        const expected = [...text.matchAll(CODE_SETTING)].map((m) => ({ index: m.index, word: m[1] }));
        expect(wordsAroundKeywords(text, SETTING_KEYWORD, 80, 20)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the bounds: 81 characters before the keyword, 20 after, no leading digit', () => {
    const cases = [
      `${'a'.repeat(81)}API_KEY`,
      `${'a'.repeat(82)}API_KEY`,
      `xAPI_KEY${'b'.repeat(20)}`,
      `xAPI_KEY${'b'.repeat(21)}`,
      'API_KEY',
      '_API_KEY',
      '9OPENAI_API_KEY',
      'café_api_key',
      `${'a'.repeat(90)}API_KEY_ENDPOINT_xAPI_KEY`,
      'OPENAI_API_KEYENDPOINT and AZURE_ENDPOINT, base_url=BaseUrl',
    ];
    for (const text of cases) {
      const expected = [...text.matchAll(CODE_SETTING)].map((m) => ({ index: m.index, word: m[1] }));
      expect(wordsAroundKeywords(text, SETTING_KEYWORD, 80, 20)).toEqual(expected);
    }
  });
});

describe('linesWith', () => {
  const shape = (m: RegExpExecArray) => ({ index: m.index, groups: [...m] });

  it('finds what the alias regex finds with flags gm, on random lines with every line end', () => {
    fc.assert(
      fc.property(aliasText, (text) => {
        const expected = [...text.matchAll(ALIAS_GM)].map(shape);
        expect([...linesWith(text, ALIAS_MY, '=')].map(shape)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('tries a line with several needles once, and the first and last lines too', () => {
    const text = 'MODEL = OTHER_MODEL\nx = y = z\nlast_model = base.model';
    const expected = [...text.matchAll(ALIAS_GM)].map(shape);
    expect(expected.length).toBe(2);
    expect([...linesWith(text, ALIAS_MY, '=')].map(shape)).toEqual(expected);
  });
});
