// Indirection that real repositories use between a model id and the call that uses it: constants in
// another module, Make / shell variables, Helm values; and libraries imported only for utilities.
import { describe, expect, it } from 'vitest';
import { analyse, modelIds } from './helpers';

describe('Helm values', () => {
  it('recognises a serving image split into repository and tag, and its --model argument', () => {
    const values = analyse(
      'values.yaml',
      'image:\n  repository: vllm/vllm-openai\n  tag: v0.6.3\nserver:\n  args:\n    - --model\n    - meta-llama/Llama-3.1-8B-Instruct\n',
    );
    expect(values.findings.map((f) => f.provider)).toContain('vllm');
    expect(modelIds(values)).toEqual(['meta-llama/Llama-3.1-8B-Instruct']);
  });

  it('ignores a values file that deploys no model server', () => {
    const values = analyse('values-prod.yaml', 'image:\n  repository: acme/billing-api\n  tag: "2.3.0"\n');
    expect(values.findings).toEqual([]);
  });
});

describe('evidence lines', () => {
  it('points a model argument at its own line, not the end of the previous one', () => {
    const a = analyse('a.py', "import openai\n\nx = 1\nmodel = 'gpt-4o'\n");
    expect(a.findings.filter((f) => f.model).map((f) => f.evidence.line)).toEqual([4]);
  });
});
