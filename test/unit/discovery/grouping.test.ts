// Grouping: evidence belongs to the nearest unit on its own path ancestry, never to a sibling.
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../../shared/discovery';
import { report } from './helpers';

const BOT = {
  'apps/bot/package.json': JSON.stringify({ name: 'bot', dependencies: { openai: '^4.56.0' } }),
  'apps/bot/src/index.ts':
    "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
};
const TAGGER_CODE =
  'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-3-5-haiku-latest", max_tokens=5, messages=[])\n';

/** root → evidence paths, one entry per system. */
function layout(r: ScanReport): Record<string, string[]> {
  return Object.fromEntries(r.systems.map((s) => [s.root, [...new Set(s.evidence.map((e) => e.path))]]));
}

describe('grouping', () => {
  it('makes a manifest-less app folder its own system instead of attaching it to a sibling app', () => {
    const r = report({ ...BOT, 'apps/tagger/tag.py': TAGGER_CODE });
    expect(layout(r)).toEqual({
      'apps/bot': ['apps/bot/package.json', 'apps/bot/src/index.ts'],
      'apps/tagger': ['apps/tagger/tag.py'],
    });
    const tagger = r.systems.find((s) => s.root === 'apps/tagger');
    expect(tagger).toMatchObject({ id: 'sys-apps-tagger', name: 'tagger', providers: ['anthropic'] });
    expect(r.systems.find((s) => s.root === 'apps/bot')?.providers).toEqual(['openai']);
  });

  it('does not absorb such a folder into a root workspace manifest either', () => {
    const r = report({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      ...BOT,
      'apps/tagger/tag.py': TAGGER_CODE,
      'apps/tagger/lib/extra.py': 'from openai import OpenAI\n',
    });
    expect(layout(r)).toEqual({
      'apps/bot': ['apps/bot/package.json', 'apps/bot/src/index.ts'],
      'apps/tagger': ['apps/tagger/lib/extra.py', 'apps/tagger/tag.py'],
    });
  });

  it('does the same for top-level app folders', () => {
    const r = report({
      'bot/package.json': BOT['apps/bot/package.json'],
      'bot/index.ts': BOT['apps/bot/src/index.ts'],
      'tagger/tag.py': TAGGER_CODE,
    });
    expect(layout(r)).toEqual({ bot: ['bot/index.ts', 'bot/package.json'], tagger: ['tagger/tag.py'] });
  });

  it('keeps code outside every app in the root system rather than folding it into the only app', () => {
    const r = report({ ...BOT, 'scripts/eval.py': TAGGER_CODE, 'run.py': 'from openai import OpenAI\n' });
    expect(layout(r)).toEqual({
      '.': ['run.py', 'scripts/eval.py'],
      'apps/bot': ['apps/bot/package.json', 'apps/bot/src/index.ts'],
    });
  });

  it('still folds IaC outside every unit into the only app', () => {
    const r = report({
      ...BOT,
      'infra/main.tf':
        'resource "aws_bedrock_model_invocation_logging_configuration" "x" {}\ndata "aws_bedrock_foundation_model" "m" {\n  model_id = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n}\n',
    });
    expect(Object.keys(layout(r))).toEqual(['apps/bot']);
    expect(layout(r)['apps/bot']).toContain('infra/main.tf');
  });

  it('leaves plain folders of a declared package in it, even when a sibling folder is a unit', () => {
    const r = report({
      'package.json': JSON.stringify({ name: 'app', dependencies: { openai: '^4.56.0' } }),
      'src/chat.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI();\n",
      'docs/package.json': JSON.stringify({ name: 'docs', dependencies: { docusaurus: '^3.0.0' } }),
    });
    expect(layout(r)).toEqual({ '.': ['package.json', 'src/chat.ts'] });
  });

  it('attributes nested folders to the nearest unit on their own ancestry', () => {
    const r = report({
      ...BOT,
      'apps/bot/jobs/summarise.py': TAGGER_CODE,
      'apps/bot-admin/tool.py': 'from openai import OpenAI\n',
      'apps/bot-admin/requirements.txt': 'openai==1.40.0\n',
    });
    expect(layout(r)).toEqual({
      'apps/bot': ['apps/bot/jobs/summarise.py', 'apps/bot/package.json', 'apps/bot/src/index.ts'],
      'apps/bot-admin': ['apps/bot-admin/requirements.txt', 'apps/bot-admin/tool.py'],
    });
  });
});
