// `aims diff` over the kinds of change that must oblige a reassessment (8.2, 8.4): agents' tools and
// MCP servers, version-only model changes, changes made only in IaC parameter files, and a model swapped
// at one site while the old model stays in use elsewhere in the same system.
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { OPENAI_APP, twoCommits } from '../scan/support';

interface Trigger {
  type: string;
  systemName: string;
  before: string | null;
  after: string | null;
  detail: string;
  materiality: 'material' | 'benign';
  reason: string | null;
  evidence: { path: string; line: number }[];
}

/** A repository at `base`, then `head` written over it: the diff between the two commits. */
async function diffOf(
  base: Record<string, string>,
  head: Record<string, string>,
): Promise<{ code: number; triggers: Trigger[]; root: string }> {
  const { root } = twoCommits('kinds', base, head);
  const result = await runCli(['diff', '--base', 'HEAD~1', root, '--format', 'json']);
  const json = JSON.parse(result.out) as { triggers: Trigger[] };
  return { code: result.code, triggers: json.triggers, root };
}

/** An OpenAI app in `folder`: each file names its model, the SDK pinned in requirements.txt beside them. */
function openaiApp(folder: string, models: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = { [`${folder}requirements.txt`]: 'openai==1.50.0\n' };
  for (const [file, model] of Object.entries(models)) files[`${folder}${file}`] = OPENAI_APP(model);
  return files;
}

/** The diff is material (exit 3) and its one trigger is a model change from `before` to `after`. */
function expectOneModelChange(diff: { code: number; triggers: Trigger[] }, before: string, after: string) {
  expect(diff.code).toBe(3);
  expect(diff.triggers).toEqual([expect.objectContaining({ type: 'model-changed', before, after })]);
}

const MCP_SERVER = (tools: string) =>
  [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    '',
    "const server = new McpServer({ name: 'ops', version: '1.0.0' });",
    '',
    tools,
    '',
  ].join('\n');
const READ_TOOL = "server.tool('read_logs', { id: z.string() }, async ({ id }) => ({ content: [] }));";
const ACT_TOOL =
  "server.tool('delete_user', { id: z.string() }, async ({ id }) => { await fetch(`/users/${id}`, { method: 'DELETE' }); return { content: [] }; });";
const AGENT_MANIFEST = JSON.stringify({
  name: 'ops-agent',
  dependencies: { '@modelcontextprotocol/sdk': '^1.0.4' },
});

describe('aims diff: agents and their tools', () => {
  it('a new MCP tool that acts is a material component change (exit 3), naming the tool and its line', async () => {
    const { code, triggers } = await diffOf(
      { 'agent/package.json': AGENT_MANIFEST, 'agent/server.ts': MCP_SERVER(READ_TOOL) },
      { 'agent/server.ts': MCP_SERVER(`${READ_TOOL}\n${ACT_TOOL}`) },
    );
    expect(code).toBe(3);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({
      type: 'component-changed',
      after: 'tool delete_user (acts)',
      materiality: 'material',
      reason: 'a new tool that acts',
    });
    expect(triggers[0]?.evidence).toEqual([expect.objectContaining({ path: 'agent/server.ts', line: 7 })]);
  });

  it('an MCP server added to an editor configuration is material', async () => {
    const config = (servers: Record<string, unknown>) => JSON.stringify({ mcpServers: servers }, null, 2);
    const github = { command: 'npx', args: ['@modelcontextprotocol/server-github'] };
    const { code, triggers } = await diffOf(
      { '.mcp.json': config({ github }) },
      { '.mcp.json': config({ github, shell: { command: 'uvx', args: ['mcp-server-shell'] } }) },
    );
    expect(code).toBe(3);
    expect(triggers).toEqual([
      expect.objectContaining({
        type: 'component-changed',
        after: 'mcp-server shell',
        materiality: 'material',
        reason: 'a new MCP server the agent can call',
      }),
    ]);
  });

  it('a guardrail added is reported as benign, with its reason, and passes the gate (exit 0)', async () => {
    const rails = 'rails:\n  input:\n    flows:\n      - self check input\n';
    const app = {
      'bot/requirements.txt': 'openai==1.50.0\nnemoguardrails==0.11.0\n',
      'bot/main.py': OPENAI_APP('gpt-4o-mini'),
    };
    const { code, triggers } = await diffOf(app, { 'bot/rails/config.yml': rails });
    expect(triggers).toEqual([expect.objectContaining({ type: 'component-changed', materiality: 'benign' })]);
    expect(triggers[0]?.reason).toMatch(/guardrail added/);
    expect(code).toBe(0);
  });

  it('a comment or formatting change in an agent file raises nothing', async () => {
    const { code, triggers } = await diffOf(
      { 'agent/package.json': AGENT_MANIFEST, 'agent/server.ts': MCP_SERVER(ACT_TOOL) },
      { 'agent/server.ts': `// Operations tools.\n${MCP_SERVER(ACT_TOOL).replace(/;\n/g, ';\n\n')}` },
    );
    expect(triggers).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('aims diff: the version is part of the model', () => {
  it('a Bedrock id whose version suffix changes is a model change', async () => {
    const bedrock = (id: string) =>
      `import boto3\n\nclient = boto3.client("bedrock-runtime")\n\ndef run(body):\n    return client.invoke_model(modelId="${id}", body=body)\n`;
    const diff = await diffOf(
      {
        'svc/requirements.txt': 'boto3==1.35.0\n',
        'svc/app.py': bedrock('anthropic.claude-3-5-sonnet-20240620-v1:0'),
      },
      { 'svc/app.py': bedrock('anthropic.claude-3-5-sonnet-20241022-v2:0') },
    );
    expectOneModelChange(
      diff,
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
    );
  });

  it('a dated snapshot bumped to another date is a model change', async () => {
    const diff = await diffOf(
      openaiApp('bot/', { 'main.py': 'gpt-4o-2024-05-13' }),
      openaiApp('bot/', { 'main.py': 'gpt-4o-2024-08-06' }),
    );
    expectOneModelChange(diff, 'gpt-4o-2024-05-13', 'gpt-4o-2024-08-06');
  });

  it('an Azure deployment version set through a Bicep parameter default is a model change', async () => {
    const bicep = (version: string) =>
      [
        `param chatModelVersion string = '${version}'`,
        "resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {",
        "  name: 'chat'",
        '  properties: {',
        "    model: { format: 'OpenAI', name: 'gpt-4o', version: chatModelVersion }",
        '  }',
        '}',
      ].join('\n');
    const diff = await diffOf(
      { 'infra/main.bicep': bicep('2024-05-13') },
      { 'infra/main.bicep': bicep('2024-08-06') },
    );
    expectOneModelChange(diff, 'gpt-4o version 2024-05-13', 'gpt-4o version 2024-08-06');
  });
});

describe('aims diff: changes made only in IaC parameter files', () => {
  const BICEP = [
    'param chatModelName string',
    'param chatModelVersion string',
    "resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {",
    "  name: 'chat'",
    '  properties: {',
    '    model: {',
    "      format: 'OpenAI'",
    '      name: chatModelName',
    '      version: chatModelVersion',
    '    }',
    '  }',
    '}',
  ].join('\n');
  const params = (model: string, version: string) =>
    JSON.stringify(
      {
        parameters: {
          chatModelName: { value: `\${AZURE_OPENAI_CHAT_MODEL=${model}}` },
          chatModelVersion: { value: `\${AZURE_OPENAI_CHAT_MODEL_VERSION=${version}}` },
        },
      },
      null,
      2,
    );

  it('a version changed in main.parameters.json alone is a model change pointing at the parameters file', async () => {
    const diff = await diffOf(
      { 'infra/main.bicep': BICEP, 'infra/main.parameters.json': params('gpt-4o', '2024-05-13') },
      { 'infra/main.parameters.json': params('gpt-4o', '2024-08-06') },
    );
    expectOneModelChange(diff, 'gpt-4o version 2024-05-13', 'gpt-4o version 2024-08-06');
    expect(diff.triggers[0]?.evidence.map((e) => e.path)).toContain('infra/main.parameters.json');
  });

  it('a model changed in terraform.tfvars alone is a model change', async () => {
    const tf = [
      'variable "chat_model" { type = string }',
      'resource "azurerm_cognitive_deployment" "chat" {',
      '  name = "chat"',
      '  model {',
      '    format  = "OpenAI"',
      '    name    = var.chat_model',
      '    version = "2024-07-18"',
      '  }',
      '}',
    ].join('\n');
    const diff = await diffOf(
      { 'infra/main.tf': tf, 'infra/terraform.tfvars': 'chat_model = "gpt-4o-mini"\n' },
      { 'infra/terraform.tfvars': 'chat_model = "gpt-4o"\n' },
    );
    expectOneModelChange(diff, 'gpt-4o-mini version 2024-07-18', 'gpt-4o version 2024-07-18');
  });
});

describe('aims diff: a swap at one site while the old model stays in use elsewhere', () => {
  it('reports model-changed at the changed line, not only model-added', async () => {
    const diff = await diffOf(
      openaiApp('bot/', { 'answer.py': 'gpt-4o', 'summarise.py': 'gpt-4o' }),
      openaiApp('bot/', { 'summarise.py': 'gpt-4.1' }),
    );
    expectOneModelChange(diff, 'gpt-4o', 'gpt-4.1');
    expect(diff.triggers[0]?.evidence).toContainEqual(
      expect.objectContaining({ path: 'bot/summarise.py', line: 7 }),
    );
  });

  it('reports a swap to a model the system already used elsewhere', async () => {
    const diff = await diffOf(
      openaiApp('bot/', {
        'answer.py': 'gpt-4o',
        'summarise.py': 'gpt-4o-mini',
        'classify.py': 'gpt-4o-mini',
      }),
      openaiApp('bot/', { 'summarise.py': 'gpt-4o' }),
    );
    expectOneModelChange(diff, 'gpt-4o-mini', 'gpt-4o');
    expect(diff.triggers[0]?.evidence).toContainEqual(
      expect.objectContaining({ path: 'bot/summarise.py', line: 7 }),
    );
  });
});

describe('aims diff: the system at the repository root', () => {
  it('is named after the repository folder, never after the git ref', async () => {
    const { triggers, root } = await diffOf(
      openaiApp('', { 'main.py': 'gpt-4o' }),
      openaiApp('', { 'main.py': 'gpt-4.1' }),
    );
    expect(triggers[0]?.systemName).toBe(basename(root));
    expect(triggers[0]?.systemName).not.toMatch(/HEAD/);
  });
});
