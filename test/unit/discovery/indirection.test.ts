// Indirection that real repositories use between a model id and the call that uses it: constants in
// another module, Make / shell variables, Helm values; and libraries imported only for utilities.
import { describe, expect, it } from 'vitest';
import { analyse } from './helpers';

describe('evidence lines', () => {
  it('points a model argument at its own line, not the end of the previous one', () => {
    const a = analyse('a.py', "import openai\n\nx = 1\nmodel = 'gpt-4o'\n");
    expect(a.findings.filter((f) => f.model).map((f) => f.evidence.line)).toEqual([4]);
  });
});
