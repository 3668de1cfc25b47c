// The dependency direction shared ← connectors ← extension / scripts is a lint error when broken.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter(
      (m) =>
        m.ruleId === 'no-restricted-imports' ||
        m.ruleId === 'no-restricted-globals' ||
        m.ruleId === 'no-restricted-properties' ||
        m.ruleId === 'no-restricted-syntax',
    )
    .map((m) => m.message);
}

describe('layering lint rule', () => {
  it('rejects shared/ importing a connector, the extension or Node built-ins', async () => {
    expect(
      await restrictedImportErrors(
        'shared/model/x.ts',
        "import { openWorkspace } from '../../connectors/local/workspace';\nexport const y = openWorkspace;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors(
        'shared/model/x.ts',
        "import { readFile } from 'node:fs/promises';\nexport const y = readFile;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors(
        'shared/model/x.ts',
        "import { browser } from 'wxt/browser';\nexport const y = browser;\n",
      ),
    ).toHaveLength(1);
  });

  it('rejects clocks, randomness and fetch in shared/', async () => {
    const errors = await restrictedImportErrors(
      'shared/model/x.ts',
      'export const a = Date.now();\nexport const b = Math.random();\nexport const c = fetch;\n',
    );
    expect(errors).toHaveLength(3);
  });

  it('rejects the clock, timers, randomness and the network by their other names', async () => {
    const reads = {
      'a clock by construction': 'export const a = new Date();\n',
      'a clock by call': 'export const a = Date();\n',
      'a monotonic clock': 'export const a = performance.now();\n',
      'a timer': 'setTimeout(() => undefined, 1);\n',
      'an interval': 'setInterval(() => undefined, 1);\n',
      'random ids': 'export const a = crypto.randomUUID();\n',
      'random bytes': 'export const a = crypto.getRandomValues(new Uint8Array(4));\n',
      'fetch through globalThis': 'export const a = globalThis.fetch;\n',
      'fetch through self': 'export const a = self.fetch;\n',
      'another transport': 'export const a = new XMLHttpRequest();\n',
      'a platform module loaded lazily': "export const a = () => import('node:fs');\n",
    };
    for (const [what, code] of Object.entries(reads)) {
      expect(await restrictedImportErrors('shared/model/x.ts', code), what).toHaveLength(1);
    }
  });

  it('lets shared/ convert a date it was given and load a pure library lazily', async () => {
    const code =
      'export const a = (iso: string) => new Date(iso).toISOString();\n' +
      'export const b = (ms: number) => new Date(ms).getUTCDate();\n' +
      "export const c = () => import('yaml');\n";
    expect(await restrictedImportErrors('shared/model/x.ts', code)).toEqual([]);
  });

  it('rejects connectors importing the extension or scripts', async () => {
    expect(
      await restrictedImportErrors(
        'connectors/github/x.ts',
        "import { main } from '../../scripts/cli/main';\nexport const y = main;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors(
        'connectors/github/x.ts',
        "import { db } from '../../extension/db/schema';\nexport const y = db;\n",
      ),
    ).toHaveLength(1);
  });

  it('allows the downward direction', async () => {
    expect(
      await restrictedImportErrors(
        'connectors/github/x.ts',
        "import { AiSystem } from '../../shared/model';\nexport const y = AiSystem;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImportErrors(
        'scripts/cli/x.ts',
        "import { openWorkspace } from '../../connectors/local/workspace';\nexport const y = openWorkspace;\n",
      ),
    ).toEqual([]);
  });
});
