// Traps: mentions that are not usage, and inputs that must not hurt the detectors.
import { describe, expect, it } from 'vitest';
import { detectFile } from '../../../shared/discovery';
import { analyse, modelIds, report } from './helpers';

describe('precision traps', () => {
  it('ignores comments, commented-out code and markdown', () => {
    expect(modelIds(analyse('a.py', '# model="gpt-4o"\nx = 1  # "claude-3-opus-20240229"\n'))).toEqual([]);
    expect(
      modelIds(
        analyse('a.ts', '/* const m = "gpt-4o"; */\n// openai("gpt-4")\nconst s = "not gpt-4 really";\n'),
      ),
    ).toEqual([]);
    expect(
      modelIds(analyse('a.go', '// "gpt-4o"\n/* aws.String("anthropic.claude-v2") */\npackage a\n')),
    ).toEqual([]);
    expect(modelIds(analyse('a.rb', '=begin\nmodel: "gpt-4o"\n=end\n# model: "gpt-4"\n'))).toEqual([]);
    expect(modelIds(analyse('docs/guide.md', 'Use `gpt-4o` with `model="gpt-4o"`.\n'))).toEqual([]);
  });

  it('ignores mock strings in tests, specs, conftest and fixtures', () => {
    for (const path of [
      'tests/test_llm.py',
      'pkg/llm_test.go',
      'src/llm.test.ts',
      'src/llm.spec.js',
      'conftest.py',
      'spec/llm_spec.rb',
      'test/fixtures/cfg.json',
      'src/__tests__/x.ts',
    ]) {
      expect(
        detectFile({ path, text: 'client.chat.completions.create(model="gpt-4o")\n', size: 10 }).findings,
        path,
      ).toEqual([]);
    }
  });

  it('yields zero systems for a repo whose only mentions are prose, comments and tests', () => {
    const r = report({
      'package.json': JSON.stringify({ name: 'x', dependencies: { express: '^4' } }),
      'README.md': 'We might use gpt-4 one day.\n',
      'src/index.js': '// const model = "gpt-4";\nconsole.log("hi");\n',
      'tests/ai.test.js': "expect(model).toBe('gpt-4o');\n",
    });
    expect(r.systems).toEqual([]);
  });
});

describe('robustness', () => {
  it('finishes fast on a 1 MB line of one repeated character in every file kind', () => {
    const line = 'a'.repeat(1024 * 1024);
    const quoteLine = '"'.repeat(1024 * 1024);
    const spaces = `model${' '.repeat(1024 * 1024)}x`;
    const started = performance.now();
    for (const path of [
      'a.py',
      'a.ts',
      'a.go',
      'A.java',
      'A.cs',
      'a.rb',
      'c.yaml',
      'c.json',
      '.env',
      'main.tf',
      'main.bicep',
      'Dockerfile',
      'run.sh',
      'README.md',
      'requirements.txt',
      'nb.ipynb',
      'docker-compose.yml',
    ]) {
      for (const text of [line, quoteLine, spaces, `model="${line}"`, `model: ${'-'.repeat(1024 * 1024)}`]) {
        const a = detectFile({ path, text, size: text.length });
        expect(a.findings.length).toBeLessThan(5);
      }
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('never throws on odd input', () => {
    const odd = [
      '',
      '\u0000\u0000',
      '{',
      '---\n: :\n',
      '"""',
      '`',
      '/*',
      '[project',
      '\ufffd\ufffd',
      'model=("',
      '<dependency>',
    ];
    for (const path of [
      'pyproject.toml',
      'package.json',
      'a.py',
      'a.ts',
      'x.yaml',
      'README.md',
      'nb.ipynb',
      'pom.xml',
      'main.bicep',
      'a.tf',
    ]) {
      for (const text of odd) expect(() => detectFile({ path, text, size: text.length })).not.toThrow();
    }
    expect(() => detectFile({ path: 'm.gguf', size: 0 })).not.toThrow();
    expect(() => detectFile({ path: 'm.safetensors', head: new Uint8Array(3), size: 3 })).not.toThrow();
  });

  it('produces deterministic output regardless of input order', () => {
    const files: Record<string, string> = {
      'b/package.json': JSON.stringify({ name: 'b', dependencies: { openai: '^4' } }),
      'b/x.ts': "import OpenAI from 'openai';\nnew OpenAI();\nconst m = 'gpt-4o';\n",
      'a/requirements.txt': 'anthropic\n',
      'a/x.py': 'import anthropic\nanthropic.Anthropic().messages.create(model="claude-3-5-haiku-latest")\n',
    };
    const forward = report(files);
    const backward = report(Object.fromEntries(Object.entries(files).reverse()));
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(forward.systems.map((s) => s.id)).toEqual(['sys-a', 'sys-b']);
  });
});
