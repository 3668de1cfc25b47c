// Report assembly: files where nothing was found change nothing, whatever their place in the tree.
import { describe, expect, it } from 'vitest';
import { assembleReport, isEmptyAnalysis, type FileAnalysis } from '../../../shared/discovery';
import { analyse } from './helpers';

describe('report assembly', () => {
  it('gives the same systems with or without the files where nothing was found', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'app', dependencies: { openai: '^4.56.0' } }),
      'src/chat.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI();\n",
      'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
      'apps/x/main.py': 'def f():\n    return 1\n',
      'README.md': '',
    };
    const all = Object.entries(files).map(([path, text]) => ({ path, analysis: analyse(path, text) }));
    const found = all.filter((a) => !isEmptyAnalysis(a.analysis));
    expect(found.map((a) => a.path)).toEqual(['package.json', 'src/chat.ts']);
    expect(assembleReport('t', found, all.length, [])).toEqual(assembleReport('t', all, all.length, []));
  });

  it('counts any field a detector set as something found', () => {
    const empty = (): FileAnalysis => ({ findings: [], envDefinitions: {} });
    expect(isEmptyAnalysis(empty())).toBe(true);
    expect(isEmptyAnalysis({ ...empty(), envDefinitions: { MODEL: 'gpt-4o' } })).toBe(false);
    expect(isEmptyAnalysis({ ...empty(), mlContext: false })).toBe(false);
    expect(isEmptyAnalysis({ ...empty(), warnings: [] })).toBe(false);
    expect(isEmptyAnalysis({ ...empty(), entryPoint: { kind: 'manifest', root: '.' } })).toBe(false);
  });
});
