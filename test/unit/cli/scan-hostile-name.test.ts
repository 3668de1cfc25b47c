// `aims scan`'s text report on a tree whose manifest names the system with a line break and whose folder
// name holds one: every system block keeps its lines, none is written by the data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

describe('aims scan: names with line breaks', () => {
  it('a manifest name and a folder name holding line breaks stay on their own line', async () => {
    const root = tempDir('scan-hostile-name');
    const app = join(root, 'app\nFORGED folder');
    mkdirSync(app, { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'bot\nFORGED  [sys-x]\u2028line', dependencies: { openai: '^4.0.0' } }),
    );
    writeFileSync(
      join(app, 'index.js'),
      'import OpenAI from "openai";\nconst c = new OpenAI();\nc.chat.completions.create({ model: "gpt-4o" });\n',
    );
    const run = await runCli(['scan', root]);
    expect(run.code, run.err).toBe(0);
    const lines = run.out.split('\n');
    expect(lines.some((l) => l.startsWith('FORGED'))).toBe(false);
    expect(lines.find((l) => l.includes('FORGED  [sys-x]'))).toMatch(
      /^bot FORGED {2}\[sys-x\] line {2}\[sys-/,
    );
    expect(lines.find((l) => l.startsWith('  root:'))).toBe('  root:      app FORGED folder');
    for (const l of lines) expect(l).not.toMatch(/[\n\u2028\u2029]/);
    const json = await runCli(['scan', root, '--format', 'json']);
    expect(JSON.parse(json.out).systems[0].root).toBe('app\nFORGED folder');
  });
});
