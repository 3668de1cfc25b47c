// One refusal type for the core: every rule, schema and parser refusal is a `Refusal` with a code, the
// field at fault and a message; the CLI and the extension read those three, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Refusal, RefusalDetail, refuse, throwFirst } from '../../shared/model';
import { errorsOnly, ruleError, ruleWarning } from '../../shared/processes/rule-issue';
import { RecordInvalidError, RecordNotFoundError, parseJsonStrict } from '../../shared/register';

const SHARED = join(__dirname, '..', '..', 'shared');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('Refusal', () => {
  it('phrases a rule refusal with its field, or the reason alone', () => {
    const withField = refuse('risks[0].likelihood', 'must be 1–5');
    expect(withField).toBeInstanceOf(Refusal);
    expect(withField.code).toBe('rule');
    expect(withField.message).toBe("field 'risks[0].likelihood': must be 1–5");
    expect(refuse(undefined, 'no methodology is approved').message).toBe('no methodology is approved');
    expect(refuse('', 'empty field path').message).toBe('empty field path');
  });

  it('carries where it happened in the message, but not in the field message a caller prefixes itself', () => {
    const invalid = new RecordInvalidError("trigger 't'", 'status', 'bad');
    expect(invalid).toBeInstanceOf(Refusal);
    expect(invalid.code).toBe('invalid-record');
    expect(invalid.message).toBe("trigger 't': field 'status': bad");
    expect(invalid.fieldMessage).toBe("field 'status': bad");
    expect(invalid.detail).toEqual({ code: 'invalid-record', field: 'status', message: 'bad' });
  });

  it('is what a missing record and malformed JSON are refused with', () => {
    const missing = new RecordNotFoundError('trigger', 't');
    expect(missing).toBeInstanceOf(Refusal);
    expect(missing.code).toBe('not-found');
    expect(missing.field).toBeUndefined();
    for (const text of ['{"a": 1, "a": 2}', '{"a":', '\u0000']) {
      let thrown: unknown;
      try {
        parseJsonStrict(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(Refusal);
      expect((thrown as Refusal).code, text).toBe('malformed');
    }
  });

  it('has a detail that validates against its schema, and an unknown code does not', () => {
    expect(RefusalDetail.parse(refuse('x', 'y').detail)).toEqual({ code: 'rule', field: 'x', message: 'y' });
    expect(RefusalDetail.safeParse({ code: 'oops', message: 'y' }).success).toBe(false);
    expect(RefusalDetail.safeParse({ code: 'rule' }).success).toBe(false);
  });

  it('throws the first listed problem and nothing for an empty list', () => {
    expect(() => throwFirst([])).not.toThrow();
    expect(() =>
      throwFirst([
        { field: 'a', message: 'first' },
        { field: 'b', message: 'second' },
      ]),
    ).toThrow("field 'a': first");
  });

  it('lists record issues in the same shape, with the record and a severity', () => {
    const issues = [ruleError('aud-1', 'scope', 'empty'), ruleWarning('aud-1', 'auditors', 'one auditor')];
    for (const issue of issues) expect(RefusalDetail.parse(issue)).toMatchObject({ code: 'rule' });
    expect(errorsOnly(issues)).toEqual([
      { code: 'rule', recordId: 'aud-1', field: 'scope', message: 'empty', severity: 'error' },
    ]);
  });

  it('is the only error type the core defines', () => {
    const classes = sources(SHARED).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends (\w+)/g)]
        .filter(([, , base]) => base === 'Error' || base === 'Refusal')
        .map(([, name, base]) => `${name} extends ${base}`),
    );
    expect(classes.sort()).toEqual([
      'BundleTextError extends Refusal',
      'RecordInvalidError extends Refusal',
      'RecordNotFoundError extends Refusal',
      'Refusal extends Error',
    ]);
  });
});
