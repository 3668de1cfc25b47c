// Hostile text in SharePoint list items and file names: control characters, escape sequences and
// bidirectional overrides are cleaned at the boundary by one rule (clean-text.ts) before anything
// reaches the register; a key carrying them is refused, never rewritten.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeSharePointServer } from '../../support/sharepoint-msw';
import { cleanText, rowFromFields } from '../../../connectors/sharepoint';
import { LIST, TWO_SYSTEMS, workspace } from './helpers';

// eslint-disable-next-line no-control-regex -- the characters the rule removes
const REMOVED = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

describe('cleanText', () => {
  it.each([
    ['bidi override (Trojan Source)', 'Claims \u202Etriage\u202C', 'Claims triage'],
    [
      'isolates and marks',
      '\u2067ana\u2069@harbor\u200Fmutual\u200E.example\u061C',
      'ana@harbormutual.example',
    ],
    ['terminal escape sequences lose their ESC', '\u001B[2J\u001B]0;owned\u0007Name', '[2J]0;ownedName'],
    ['8-bit CSI and other C1 controls', 'Risk\u009B31m\u0085level', 'Risk31m level'],
    ['NUL, DEL, backspace', 'Fr\u0000au\u007Fd\u0008 score', 'Fraud score'],
    [
      'line breaks and tabs become one space each',
      'Claims\r\ntriage\tv2\nnext\u2028line',
      'Claims triage v2 next line',
    ],
    ['trimmed after cleaning', ' \u202E Claims \n', 'Claims'],
    ['only controls leaves nothing', '\u202E\u0000\u001B', ''],
    [
      'letters of every script and emoji are kept',
      'Сортировка · 審査 · عربى 📄',
      'Сортировка · 審査 · عربى 📄',
    ],
  ])('%s', (_case, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('never leaves a removed character, keeps every other one in order, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        const out = cleanText(input);
        expect(REMOVED.test(out)).toBe(false);
        expect(cleanText(out)).toBe(out);
        const kept = [...input].filter((c) => !REMOVED.test(c) && !/[\t\n\v\f\r]/.test(c)).join('');
        expect(out.replace(/\s/g, '')).toBe(kept.replace(/\s/g, ''));
      }),
    );
  });
});

describe('list item fields', () => {
  it('cleans every text field of a row', () => {
    const read = rowFromFields({
      SystemId: 'sys-claims-triage',
      Title: 'Claims\u202E triage',
      SystemOwner: 'ana@harbormutual.example\u0000',
      RiskOwner: '\u001B[31mravi@harbormutual.example',
      RiskLevel: 'high\r\n',
      LifecycleStage: 'operation\u200E',
      InScope: true,
    });
    expect(read).toEqual({
      row: {
        systemId: 'sys-claims-triage',
        name: 'Claims triage',
        owner: 'ana@harbormutual.example',
        riskOwner: '[31mravi@harbormutual.example',
        riskLevel: 'high',
        impactAssessmentStatus: null,
        nextReview: null,
        inScope: true,
        lifecycleStage: 'operation',
      },
    });
  });

  it('a field that is only control characters reads as empty; a name that is only them is refused', () => {
    expect(
      rowFromFields({ SystemId: 'sys-a', Title: 'A', SystemOwner: '\u202E\u0007', LifecycleStage: 'design' }),
    ).toMatchObject({ row: { owner: null } });
    expect(rowFromFields({ SystemId: 'sys-a', Title: '\u0000\u202E', LifecycleStage: 'design' })).toEqual({
      problem: expect.stringContaining("column 'Title'"),
    });
  });

  it('a system id carrying a control or bidi character is refused, never rewritten into another id', () => {
    for (const id of ['sys-\u202Eevil', 'sys-evil\u0000', 'sys-\u001B[1mevil'])
      expect(rowFromFields({ SystemId: id, Title: 'x', LifecycleStage: 'design' })).toEqual({
        problem: expect.stringContaining("column 'SystemId'"),
      });
  });
});

describe('through a sync', () => {
  const graph = fakeSharePointServer();

  it('hostile edits and new items reach the register cleaned; a hostile key is skipped and reported', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    graph.sp.edit(LIST, 'sys-claims-triage', { SystemOwner: 'lena@harbor\u202Emutual.example\u001B[0m' });
    graph.sp.add(LIST, {
      SystemId: 'sys-fraud-score',
      Title: 'Fraud\r\nscore\u0000',
      LifecycleStage: 'operation',
    });
    graph.sp.add(LIST, { SystemId: 'sys-\u202Eevil', Title: 'Evil', LifecycleStage: 'design' });
    const report = await ws.sync();
    expect((await ws.system('sys-claims-triage')).owner).toBe('lena@harbormutual.example[0m');
    expect(report.imported).toEqual(['sys-fraud-score']);
    expect((await ws.system('sys-fraud-score')).name).toBe('Fraud score');
    expect(report.pull.skipped).toEqual([
      { itemId: expect.any(String), problem: expect.stringContaining("column 'SystemId'") },
    ]);
    // Nothing was written back because of cleaning alone: the value SharePoint holds is the person's.
    expect(report.pushed).toEqual([]);
    const stored = JSON.stringify(ws.store.current());
    expect(REMOVED.test(stored.replace(/\\u[0-9a-f]{4}/gi, ''))).toBe(false);
    expect(stored).not.toMatch(/\\u(?:00[01][0-9a-f]|202[a-e]|206[6-9])/i);
  });

  it('a file name with controls becomes a clean evidence title', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    const itemId = graph.sp.upload('', 'AI\u202E policy\u0007.pdf', 'version one', '2026-10-01T10:00:00Z');
    const { createGraphClient, registerEvidence } = await import('../../../connectors/sharepoint');
    const { TOKEN } = await import('../../support/fake-sharepoint');
    const item = await registerEvidence({
      client: createGraphClient({ token: () => TOKEN }),
      register: ws.register,
      siteUrl: graph.sp.site.webUrl ?? '',
      driveId: graph.sp.driveId,
      itemId,
      clauses: ['7.5.3'],
      controls: [],
      systemIds: [],
      actor: 'lena@harbormutual.example',
      now: '2026-11-28T10:00:00.000Z',
    });
    expect(item.title).toBe('AI policy.pdf');
  });
});
