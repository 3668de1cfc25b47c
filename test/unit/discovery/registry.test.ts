// The detector registry is the one list the candidate filter, the head-only rule and the code extensions
// derive from: these tests catch the drift that made `.scala` and `.pyi` files never reach the analysis.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DETECTORS,
  detectFile,
  detectorFor,
  isCandidatePath,
  wantsHeadOnly,
} from '../../../shared/discovery';
import { wants } from '../../../shared/discovery/detector';
import { LANGUAGES } from '../../../shared/discovery/code/languages';
import { basename, extname } from '../../../shared/discovery/paths';
import { OPENAI_APP } from '../scan/support';

const DOC = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'discovery.md'), 'utf8');

describe('detector registry', () => {
  it('gives every detector a unique id, documented in docs/discovery.md', () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(DOC, id).toContain(`\`${id}\``);
  });

  it('makes every detector want something, in lower case', () => {
    for (const d of DETECTORS) {
      expect(
        (d.names?.length ?? 0) + (d.extensions?.length ?? 0) + (d.matches ? 1 : 0),
        d.id,
      ).toBeGreaterThan(0);
      for (const name of d.names ?? []) expect(name, d.id).toBe(name.toLowerCase());
      for (const ext of d.extensions ?? []) expect(ext, d.id).toMatch(/^\.[a-z0-9]+$/);
    }
  });

  it('makes every extension a language knows a candidate read by the code detector', () => {
    const all = LANGUAGES.flatMap((l) => l.extensions);
    expect(new Set(all).size).toBe(all.length);
    for (const ext of all) {
      expect(isCandidatePath(`src/app${ext}`), ext).toBe(true);
      expect(detectorFor(`src/app${ext}`)?.id, ext).toBe('source-code');
    }
  });

  it('makes every name and extension a detector declares a candidate, unless an earlier detector takes it', () => {
    for (const d of DETECTORS) {
      for (const path of [
        ...(d.names ?? []).map((n) => `app/${n}`),
        ...(d.extensions ?? []).map((e) => `app/x${e}`),
      ]) {
        expect(isCandidatePath(path), path).toBe(true);
        const owner = detectorFor(path);
        expect(owner, path).toBeDefined();
        expect(DETECTORS.indexOf(owner as (typeof DETECTORS)[number]), path).toBeLessThanOrEqual(
          DETECTORS.indexOf(d),
        );
      }
    }
  });

  it('answers what a linear first-match over the list answers, for hostile and ordinary paths', () => {
    const paths = [
      'package.json',
      'a/Package.JSON',
      'requirements/dev.in',
      'requirements-dev.txt',
      'Dockerfile.gpu',
      'x.dockerfile',
      '.env',
      '.env.local',
      'prod.env',
      '.github/workflows/ci.yml',
      'environment.yml',
      'values-prod.yaml',
      'main.tf',
      'a.scala',
      'types.pyi',
      'm/w.gguf',
      'pytorch_model.bin',
      'ggml-base.bin',
      'Makefile',
      'run.zsh',
      'constructor',
      '__proto__',
      'toString.json',
      'a/.b/c',
      'noext',
      '.hidden',
      'x.',
      'x.JSON',
      'README.md',
      'notes.md',
      'img/logo.png',
      'deep/ä/ü.py',
      'a\u0000b.py',
      'x'.repeat(5000) + '.py',
    ];
    for (const path of paths) {
      const name = basename(path).toLowerCase();
      const ext = extname(path);
      expect(detectorFor(path)?.id, path).toBe(DETECTORS.find((d) => wants(d, path, name, ext))?.id);
    }
  });

  it('derives head-only reading from the registry: model files only', () => {
    expect(wantsHeadOnly('models/w.gguf')).toBe(true);
    expect(wantsHeadOnly('models/w.safetensors')).toBe(true);
    expect(wantsHeadOnly('app.py')).toBe(false);
    expect(DETECTORS.filter((d) => d.headOnly).map((d) => d.id)).toEqual(['model-file']);
  });

  it('scans .scala and .pyi files (once filtered out by a hand-kept list)', () => {
    expect(isCandidatePath('src/main/scala/Bot.scala')).toBe(true);
    expect(isCandidatePath('stubs/client.pyi')).toBe(true);
    const scala = detectFile({
      path: 'src/main/scala/Bot.scala',
      text: 'import com.openai.client.OpenAIClient\nobject Bot { val model = "gpt-4o-mini" }\n',
      size: 80,
    });
    expect(scala.findings.map((f) => f.provider)).toContain('openai');
    const pyi = detectFile({ path: 'stubs/client.pyi', text: OPENAI_APP('gpt-4o'), size: 300 });
    expect(pyi.findings.some((f) => f.model?.id === 'gpt-4o')).toBe(true);
  });

  it('still drops generated, vendored and test files the detectors would otherwise read', () => {
    for (const p of [
      'types/index.d.ts',
      'dist/app.min.js',
      'lib/app.min.mjs',
      'yarn.lock',
      'go.sum',
      'vendor/x.py',
      'tests/a.scala',
    ])
      expect(isCandidatePath(p), p).toBe(false);
  });

  it('names minified lines the detectors never read, but not in a JSON document it parses whole', () => {
    const long = `const config = {model: "claude-3-5-sonnet-20241022"};${' '.repeat(10_000)}`;
    const code = `import OpenAI from 'openai';\n${long}\n${long}\nconst m = "gpt-4o";\n`;
    const analysis = detectFile({ path: 'web/app.js', text: code, size: code.length });
    expect(analysis.warnings).toEqual([
      'web/app.js: 2 lines over 10000 characters (minified or generated), not analysed',
    ]);
    expect(analysis.findings.map((f) => f.model?.id).filter(Boolean)).toEqual(['gpt-4o']);
    // A line of exactly the bound is read and not named.
    const edge = `m = "gpt-4o"${' '.repeat(10_000 - 12)}`;
    expect(edge).toHaveLength(10_000);
    expect(detectFile({ path: 'a.py', text: edge, size: edge.length }).warnings).toBeUndefined();
    const json = JSON.stringify({ model: 'gpt-4o', padding: 'x'.repeat(20_000) });
    expect(
      detectFile({ path: 'config/models.json', text: json, size: json.length }).warnings,
    ).toBeUndefined();
  });

  it("skips text over a detector's bound with a warning, but not JSON", () => {
    const big = 'x'.repeat(4 * 1024 * 1024 + 1);
    expect(detectFile({ path: 'app.py', text: big, size: big.length }).warnings?.[0]).toMatch(/too large/);
    expect(detectFile({ path: 'data.json', text: `"${big}"`, size: big.length }).warnings).toBeUndefined();
  });
});
