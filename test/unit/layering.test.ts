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
        m.ruleId === 'no-restricted-properties',
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
