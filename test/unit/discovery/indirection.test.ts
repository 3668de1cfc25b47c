// Indirection that real repositories use between a model id and the call that uses it: constants in
// another module, Make / shell variables, Helm values; and libraries imported only for utilities.
import { describe, expect, it } from 'vitest';
import { analyse, modelIds } from './helpers';

describe('download commands with variables', () => {
  it('expands Make and shell variables, and `:-` defaults', () => {
    const make = analyse(
      'Makefile',
      'CHAT_MODEL ?= llama3.1:8b\nEMBED := nomic-embed-text\nmodels:\n\tollama pull $(CHAT_MODEL)\n\tollama pull ${EMBED}\n',
    );
    expect(modelIds(make)).toEqual(['llama3.1:8b', 'nomic-embed-text']);
    const sh = analyse(
      'scripts/setup.sh',
      'MODEL_REPO=Qwen/Qwen2.5-7B-Instruct\nollama pull "${OLLAMA_MODEL:-phi3:mini}"\nhuggingface-cli download "$MODEL_REPO"\n',
    );
    expect(modelIds(sh)).toEqual(['Qwen/Qwen2.5-7B-Instruct', 'phi3:mini']);
    const docker = analyse(
      'Dockerfile',
      'FROM ollama/ollama\nARG MODEL=llama3.2:3b\nRUN ollama pull ${MODEL}\n',
    );
    expect(modelIds(docker)).toContain('llama3.2:3b');
  });

  it('reports nothing for a variable the file never sets', () => {
    expect(modelIds(analyse('Makefile', 'pull:\n\tollama pull $(MODEL)\n'))).toEqual([]);
  });
});

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
