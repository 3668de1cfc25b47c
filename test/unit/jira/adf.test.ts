import type { Version3Models } from 'jira.js';
import { describe, expect, it } from 'vitest';
import { adfToText, textToAdf } from '../../../connectors/jira/adf';

describe('ADF to text', () => {
  it('flattens paragraphs, headings, lists, tables, mentions, links and code', () => {
    const doc: Version3Models.Document = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'heading',
          attrs: { level: 2 },
          content: [{ type: 'text', text: 'Claims triage assistant' }],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Uses ' },
            { type: 'text', text: 'gpt-4o', marks: [{ type: 'code' }] },
            { type: 'text', text: ' via Azure OpenAI, owner ' },
            { type: 'mention', attrs: { id: 'x', text: '@Priya Nair' } },
            { type: 'hardBreak' },
            { type: 'inlineCard', attrs: { url: 'https://github.com/harbormutual/claims-triage' } },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'EU customers' }] }],
            },
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'UK customers' }] }],
            },
          ],
        },
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                {
                  type: 'tableHeader',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Model' }] }],
                },
                {
                  type: 'tableCell',
                  content: [
                    { type: 'paragraph', content: [{ type: 'text', text: 'claude-3-5-sonnet-20241022' }] },
                  ],
                },
              ],
            },
          ],
        },
        { type: 'codeBlock', content: [{ type: 'text', text: 'model = "mistral-large-latest"' }] },
      ],
    };
    const text = adfToText(doc);
    expect(text.split('\n')).toEqual([
      'Claims triage assistant',
      'Uses gpt-4o via Azure OpenAI, owner @Priya Nair',
      'https://github.com/harbormutual/claims-triage',
      '- EU customers',
      '- UK customers',
      'Model',
      ' | claude-3-5-sonnet-20241022',
      'model = "mistral-large-latest"',
    ]);
  });

  it('returns Data Center wiki markup as is, and nothing for junk', () => {
    expect(adfToText('h2. Plain *wiki*')).toBe('h2. Plain *wiki*');
    for (const junk of [
      null,
      undefined,
      42,
      [],
      { type: 7 },
      { content: 'x' },
      { content: [null, 1, 'a'] },
    ]) {
      expect(adfToText(junk)).toBe('');
    }
  });

  it('survives hostile nesting and size without throwing', () => {
    let deep: Record<string, unknown> = { type: 'text', text: 'bottom' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'paragraph', content: [deep] };
    expect(adfToText({ type: 'doc', version: 1, content: [deep] })).toBe('');
    const huge = { type: 'doc', version: 1, content: [{ type: 'text', text: 'x'.repeat(2_000_000) }] };
    expect(adfToText(huge).length).toBe(256 * 1024);
  });

  it('textToAdf round-trips plain lines', () => {
    const doc = textToAdf('one\n\ntwo');
    const typed: Version3Models.Document = doc;
    expect(adfToText(typed).split('\n').filter(Boolean)).toEqual(['one', 'two']);
  });
});
