// Field cases from public bug reports (inputs under test/fixtures/field-cases, each README stating the
// expected result): each expected result is asserted here as written there.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { tempDir } from '../scan/support';

const CASES = join(__dirname, '..', '..', 'fixtures', 'field-cases');

interface Json {
  systems: Array<{
    name: string;
    root: string;
    providers: string[];
    models: Array<{ id: string; provider?: string; pinning: string; version?: string; deployment?: string }>;
  }>;
}

async function scan(name: string): Promise<Json> {
  const result = await runCli(['scan', join(CASES, name), '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as Json;
}

describe('field case 02: Azure OpenAI deployments given to the Azure/openai module as a locals map', () => {
  it('finds azure-openai gpt-4o (deployment chat) pinned by its version, not floating', async () => {
    const json = await scan('02-azure-tf-module-deployment-map');
    expect(json.systems).toHaveLength(1);
    const system = json.systems[0];
    expect(system?.providers).toContain('azure-openai');
    expect(system?.models).toEqual([
      expect.objectContaining({
        id: 'gpt-4o',
        version: '2024-05-13',
        provider: 'azure-openai',
        deployment: 'chat',
        pinning: 'snapshot',
      }),
    ]);
  });
});

describe('field case 04: vLLM Dockerfile with `--model ${MODEL_NAME:-org/name}`', () => {
  it('resolves the shell default: system serve, provider vllm, the Hub model, floating', async () => {
    const json = await scan('04-vllm-dockerfile-shell-default');
    expect(json.systems).toHaveLength(1);
    const system = json.systems[0];
    expect(system?.name).toBe('serve');
    expect(system?.providers).toContain('vllm');
    expect(system?.models).toEqual([
      expect.objectContaining({ id: 'meta-llama/Meta-Llama-3.1-8B-Instruct', pinning: 'floating' }),
    ]);
  });
});

describe('field case 05: LiteLLM `provider/model` strings', () => {
  it('reads groq/… as Groq (never the Hub) and ollama/… as an Ollama tag pinned by version', async () => {
    const json = await scan('05-litellm-provider-prefix');
    expect(json.systems).toHaveLength(1);
    const models = json.systems[0]?.models ?? [];
    expect(models).toHaveLength(2);
    const groq = models.find((m) => m.id.includes('llama-3.1-70b-versatile'));
    expect(groq).toBeDefined();
    expect(groq?.provider).not.toBe('huggingface-hub');
    expect(models.find((m) => m.id === 'llama3.1:8b')).toMatchObject({
      provider: 'ollama',
      pinning: 'version',
    });
    expect(json.systems[0]?.providers).not.toContain('huggingface-hub');
    expect(json.systems[0]?.providers).toContain('litellm');
  });
});

describe('field case 17: `aims diff` when only the Azure deployment model version changes', () => {
  it('raises a model-changed trigger gpt-4o 2024-05-13 → 2024-08-06 at infra/main.tf:13 and exits 3', async () => {
    const repo = join(tempDir('case17'), 'repo');
    const script = join(tempDir('case17-script'), 'make-repo.sh');
    cpSync(join(CASES, '17-diff-azure-model-version-bump', 'make-repo.sh'), script);
    execFileSync('sh', [script, repo], { stdio: 'ignore' });
    const result = await runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', repo, '--format', 'json']);
    expect(result.code).toBe(3);
    const json = JSON.parse(result.out) as {
      triggers: Array<{
        type: string;
        before?: string;
        after?: string;
        clauses: string[];
        evidence: Array<{ path: string; line: number }>;
      }>;
    };
    const trigger = json.triggers.find((t) => t.type === 'model-changed');
    expect(trigger).toBeDefined();
    expect(trigger?.before).toContain('gpt-4o');
    expect(trigger?.before).toContain('2024-05-13');
    expect(trigger?.after).toContain('2024-08-06');
    expect(trigger?.clauses).toEqual(['8.2', '8.4']);
    expect(trigger?.evidence).toContainEqual(expect.objectContaining({ path: 'infra/main.tf', line: 13 }));
  });

  it('records the version in a scan of either commit', async () => {
    const repo = join(tempDir('case17-scan'), 'repo');
    const script = join(tempDir('case17-scan-script'), 'make-repo.sh');
    cpSync(join(CASES, '17-diff-azure-model-version-bump', 'make-repo.sh'), script);
    execFileSync('sh', [script, repo], { stdio: 'ignore' });
    const result = await runCli(['scan', repo, '--format', 'json']);
    const json = JSON.parse(result.out) as Json;
    expect(json.systems[0]?.models).toEqual([
      expect.objectContaining({ id: 'gpt-4o', version: '2024-08-06', pinning: 'snapshot' }),
    ]);
  });
});
