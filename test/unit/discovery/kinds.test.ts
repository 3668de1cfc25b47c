// Forms of each kind, one by one, including malformed and hostile inputs.
import { describe, expect, it } from 'vitest';
import { routeModel } from '../../../shared/discovery/gateways';
import { dockerfileVariables, expandShell, shellDefaultOf } from '../../../shared/discovery/substitute';
import { analyse, modelIds, providers, report } from './helpers';

describe('shell substitution in serving configs', () => {
  it('reads defaults, known variables and conditional expansions the way a shell would', () => {
    expect(expandShell('--model ${M:-org/a} ${R:+--revision "$R"}')).toBe('--model org/a ');
    expect(expandShell('--model ${M=org/b}')).toBe('--model org/b');
    expect(expandShell('--model $MODEL', { MODEL: 'org/c' })).toBe('--model org/c');
    expect(expandShell('--model $UNKNOWN')).toBe('--model $UNKNOWN');
    expect(shellDefaultOf('${AZURE_OPENAI_MODEL=gpt-4o}')).toBe('gpt-4o');
    expect(shellDefaultOf('gpt-4o')).toBeUndefined();
    expect(
      dockerfileVariables('ARG BASE=org/x\nENV MODEL=${BASE} OTHER="y"\nENV LEGACY value here\n'),
    ).toEqual({
      BASE: 'org/x',
      MODEL: 'org/x',
      OTHER: 'y',
      LEGACY: 'value here',
    });
  });

  it('resolves a Dockerfile ARG default passed on as $VAR to vllm serve', () => {
    const a = analyse(
      'serve/Dockerfile',
      'FROM vllm/vllm-openai:v0.6.3\nARG M=Qwen/Qwen2.5-7B-Instruct\nCMD vllm serve $M\n',
    );
    expect(modelIds(a)).toEqual(['Qwen/Qwen2.5-7B-Instruct']);
  });
});

describe('Ollama Modelfiles', () => {
  it('reads library tags and Hub GGUF references, and leaves local files alone', () => {
    expect(modelIds(analyse('Modelfile', 'FROM llama3.2:3b\nSYSTEM hi\n'))).toEqual(['llama3.2:3b']);
    const hub = analyse(
      'models/coder.modelfile',
      'FROM hf.co/bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M\n',
    );
    expect(modelIds(hub)).toEqual(['hf.co/bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M']);
    expect(providers(hub)).toEqual(['huggingface-hub', 'ollama']);
    expect(modelIds(analyse('Modelfile', 'FROM ./weights/model.gguf\n'))).toEqual([]);
  });
});

describe('gateways', () => {
  it('routes LiteLLM prefixes to the API called, never to the Hub', () => {
    expect(routeModel('groq/llama-3.1-70b-versatile')).toMatchObject({
      id: 'llama-3.1-70b-versatile',
      provider: 'groq',
    });
    expect(routeModel('ollama/llama3.1:8b')).toMatchObject({
      id: 'llama3.1:8b',
      provider: 'ollama',
      pinning: 'version',
    });
    expect(routeModel('azure/chat-prod')).toMatchObject({
      provider: 'azure-openai',
      deployment: 'chat-prod',
    });
    expect(routeModel('openrouter/anthropic/claude-3.5-sonnet')).toMatchObject({
      id: 'anthropic/claude-3.5-sonnet',
      supplier: 'openrouter',
    });
    expect(routeModel('meta-llama/Llama-3.1-8B')).toBeUndefined();
    expect(routeModel('groq/')).toBeUndefined();
  });

  it('names the endpoint as supplier and the vendor as provider; the OpenAI SDK is only its client', () => {
    const r = report({
      'package.json': JSON.stringify({ name: 'x', dependencies: { openai: '^4.0.0' } }),
      'src/ai.ts':
        "import OpenAI from 'openai';\nconst c = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1' });\nawait c.chat.completions.create({ model: 'anthropic/claude-3.5-sonnet', messages: [] });\n",
    });
    expect(r.systems[0]?.providers).toEqual(['openrouter']);
    expect(r.systems[0]?.models).toEqual([
      expect.objectContaining({
        id: 'anthropic/claude-3.5-sonnet',
        provider: 'anthropic',
        supplier: 'openrouter',
      }),
    ]);
  });
});

describe('agents', () => {
  it('warns on a malformed MCP configuration and finds nothing in it', () => {
    const a = analyse('.mcp.json', '{ "mcpServers": { "x": ');
    expect(a.components ?? []).toEqual([]);
    expect(a.warnings?.[0]).toMatch(/not valid JSON/);
  });

  it('takes no arrays for servers, and a hostile key only as a name', () => {
    expect(analyse('.mcp.json', '{ "mcpServers": [1, 2] }').components ?? []).toEqual([]);
    const proto = analyse('.mcp.json', '{ "mcpServers": { "__proto__": { "command": "x" }, "ok": {} } }');
    expect((proto.components ?? []).map((c) => c.name)).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>).command).toBeUndefined();
  });

  it('tells a tool that acts from one that reads, by its own body only', () => {
    const a = analyse(
      'agent/tools.py',
      'from langchain_core.tools import tool\n\n@tool\ndef lookup(id: str) -> str:\n    """Read."""\n    return id\n\n@tool\ndef send_email(to: str) -> str:\n    """Send."""\n    return "sent"\n',
    );
    expect((a.components ?? []).map((c) => [c.name, c.acts])).toEqual([
      ['lookup', false],
      ['send_email', true],
    ]);
  });
});

describe('container environments as configuration sites', () => {
  it('cites compose and Kubernetes env entries that configure a provider, and nothing else', () => {
    const compose = analyse(
      'docker-compose.yml',
      'services:\n  api:\n    environment:\n      AZURE_OPENAI_ENDPOINT: ${AZURE_OPENAI_ENDPOINT}\n      - OPENAI_API_KEY=${OPENAI_API_KEY}\n      LOG_LEVEL: info\n      DATABASE_URL: postgres://db\n',
    );
    expect(compose.findings.map((f) => `${f.evidence.line}|${f.evidence.detector}`)).toEqual([
      '4|config:container-env',
      '5|config:container-env',
    ]);
    // Evidence only: no provider, no model, so a file that merely passes keys through makes no system.
    expect(compose.findings.every((f) => !f.provider && !f.model)).toBe(true);
    const k8s = analyse(
      'deploy/api.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - env:\n            - name: ANTHROPIC_API_KEY\n              valueFrom:\n                secretKeyRef: { name: llm, key: key }\n            - name: PORT\n              value: "8080"\n',
    );
    expect(k8s.findings.map((f) => f.evidence.line)).toEqual([8]);
  });

  it('never reads a package under any dependency folder a scanner skips', () => {
    const r = report({
      'package.json': '{"name":"a","dependencies":{"express":"^4.0.0"}}',
      'jspm_packages/npm/openai@4.68.0/index.js':
        "const OpenAI = require('openai');\nnew OpenAI().chat({ model: 'gpt-4o' });\n",
      '.next/server/app.js': "import OpenAI from 'openai';\nnew OpenAI().chat({ model: 'gpt-4o' });\n",
    });
    expect(r.systems).toEqual([]);
  });
});

describe('framework configuration as a configuration site', () => {
  it("cites a YAML value reading a provider's key from the environment, and nothing else", () => {
    const yaml = analyse(
      'config/packages/openai.yaml',
      "openai:\n    api_key: '%env(OPENAI_API_KEY)%'\n    organization: '%env(OPENAI_ORGANIZATION)%'\nframework:\n    secret: '%env(APP_SECRET)%'\n",
    );
    expect(yaml.findings.map((f) => `${f.evidence.line}|${f.evidence.detector}`)).toEqual([
      '2|config:setting',
    ]);
    expect(yaml.findings.every((f) => !f.provider && !f.model)).toBe(true);
  });

  it('reads openai-php/symfony in composer.json as the OpenAI client', () => {
    const r = report({
      'composer.json': '{"name":"acme/desk","require":{"openai-php/symfony":"^0.10.0"}}',
    });
    expect(r.systems[0]?.providers).toEqual(['openai']);
  });
});
