// A reference to a record shows its words beside its id: the id for tracing, the words for reading.
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_NAME_MAX,
  namedReference,
  recordName,
  referenceTo,
} from '../../../shared/processes/reference';
import { action, finding, snapshotFrom, stored, system } from '../../support/certification-fixtures';

describe('namedReference', () => {
  it('puts the name first and keeps the id beside it', () => {
    expect(namedReference('ca-2026-1-1', 'Set retention to 12 months')).toBe(
      'Set retention to 12 months (ca-2026-1-1)',
    );
  });

  it('gives the bare id when there is no name, an empty or blank one, or the name is the id', () => {
    expect(namedReference('ca-1', undefined)).toBe('ca-1');
    expect(namedReference('ca-1', '')).toBe('ca-1');
    expect(namedReference('ca-1', ' \n\t ')).toBe('ca-1');
    expect(namedReference('ca-1', 'ca-1')).toBe('ca-1');
  });

  it('folds line breaks and runs of white space into one space, so a reference stays on one line', () => {
    expect(namedReference('f-1', '  Logs kept\r\n\r\nonly\t7 days  ')).toBe('Logs kept only 7 days (f-1)');
  });

  it('cuts a long name to the limit with an ellipsis, never splitting a character, and keeps the whole id', () => {
    const long = '😀'.repeat(REFERENCE_NAME_MAX + 20);
    const ref = namedReference('f-1', long);
    expect(ref.endsWith('… (f-1)')).toBe(true);
    expect([...ref.slice(0, -' (f-1)'.length)]).toHaveLength(REFERENCE_NAME_MAX);
    expect(ref).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(namedReference('f-1', 'x'.repeat(REFERENCE_NAME_MAX))).toBe(
      `${'x'.repeat(REFERENCE_NAME_MAX)} (f-1)`,
    );
    expect(namedReference('f-1', 'abcdef', 4)).toBe('abc… (f-1)');
  });

  it('removes bidi overrides, isolates and zero-width characters, so a name cannot reverse or hide the id', () => {
    const ref = namedReference('ca-1', 'Fix \u202Eevil\u2066 log\u200B gap\u061C');
    expect(ref).toBe('Fix evil log gap (ca-1)');
    expect(ref).not.toMatch(/[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/);
    expect(namedReference('ca-1', '\u200B\u202E\uFEFF')).toBe('ca-1');
  });

  it('cuts between graphemes: an emoji sequence joined by zero-width joiners stays whole', () => {
    const family = '👩\u200D👩\u200D👧';
    const ref = namedReference('f-1', family.repeat(10), 4);
    expect(ref).toBe(`${family.repeat(3)}… (f-1)`);
  });

  it('returns markup in a name as the same characters: plain text, for views that render text', () => {
    expect(namedReference('f-1', '<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)> (f-1)');
  });
});

describe('referenceTo', () => {
  const snap = snapshotFrom([
    system('sys-a', { name: 'Claims triage' }),
    finding({ id: 'finding-1', statement: 'Logs kept only 7 days' }),
    action({ id: 'ca-1', findingId: 'finding-1', action: 'Keep logs 12 months' }),
  ]);

  it('names a record from the register by the field that names its kind', () => {
    expect(referenceTo(snap, 'finding', 'finding-1')).toBe('Logs kept only 7 days (finding-1)');
    expect(referenceTo(snap, 'corrective-action', 'ca-1')).toBe('Keep logs 12 months (ca-1)');
    expect(referenceTo(snap, 'ai-system', 'sys-a')).toBe('Claims triage (sys-a)');
  });

  it('gives the bare id for a record that is not in the register, or of a kind without a name', () => {
    expect(referenceTo(snap, 'finding', 'finding-gone')).toBe('finding-gone');
    expect(recordName(snap, 'finding', 'finding-gone')).toBeUndefined();
    const withEntry = snapshotFrom([
      stored('soa-entry', {
        id: 'soa-A.2.2',
        controlId: 'A.2.2',
        applicable: true,
        justification: 'Policy',
        status: 'implemented',
        approval: { state: 'draft' },
      }),
    ]);
    expect(referenceTo(withEntry, 'soa-entry', 'soa-A.2.2')).toBe('soa-A.2.2');
  });
});
