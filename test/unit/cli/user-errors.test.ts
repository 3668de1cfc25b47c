// What the CLI does with an error that reaches it: a refusal of any kind, a workspace problem or a
// bad argument is one line and exit 2; anything else is a bug and is rethrown with its stack.
import { describe, expect, it } from 'vitest';
import { userMessage } from '../../../scripts/cli/main';
import { Refusal } from '../../../shared/model/refusal';

describe('errors a user can act on', () => {
  it('turns every kind of refusal into one line with exit 2', async () => {
    for (const code of ['rule', 'invalid-record', 'not-found', 'malformed'] as const) {
      const refusal = new Refusal(code, 'owner', 'must name a person', "trigger 'trg-1'");
      expect(await userMessage(refusal)).toEqual({
        message: "trigger 'trg-1': field 'owner': must name a person",
        code: 2,
      });
    }
  });

  it('keeps a missing file at exit 2 and leaves a plain bug to its stack trace', async () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x.json'"), {
      code: 'ENOENT',
    });
    expect(await userMessage(missing)).toMatchObject({ code: 2 });
    expect(await userMessage(new TypeError('cannot read properties of undefined'))).toBeUndefined();
  });
});
