// Where logic lives: the write rules are the core's (shared/records/), and the CLI only parses and prints.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

describe('no domain rules under scripts/', () => {
  const files = sources('scripts');

  it('keeps the record write rules in shared/records, one file per kind', () => {
    expect(existsSync(join(ROOT, 'scripts/cli/record-rules'))).toBe(false);
    expect(existsSync(join(ROOT, 'scripts/cli/record-rules.ts'))).toBe(false);
    expect(existsSync(join(ROOT, 'shared/records/rule.ts'))).toBe(true);
    const record = readFileSync(join(ROOT, 'scripts/cli/commands/record.ts'), 'utf8');
    expect(record).toMatch(/from '\.\.\/\.\.\/\.\.\/shared\/records'/);
  });

  it('defines no schema, record rule or register write rule in scripts/', () => {
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/from 'zod'/);
      expect(text, file).not.toMatch(/\bRecordRule\b/);
      expect(text, file).not.toMatch(/\bapplyTransitions\(/);
      expect(text, file).not.toMatch(/function processGaps\b/);
    }
  });
});
