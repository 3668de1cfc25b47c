import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../support/cli';
import { OPENAI_APP, tempDir, writeTree } from './support';

/** The documented `--format json` shape, key for key: extra keys fail (strict). */
const ScanJsonSchema = z.strictObject({
  target: z.string(),
  scannedFiles: z.number().int().nonnegative(),
  coverage: z
    .strictObject({
      read: z.number().int().nonnegative(),
      skipped: z.record(z.string(), z.number().int().nonnegative()),
      unreadable: z.number().int().nonnegative(),
      unknownFolders: z.array(z.string()),
    })
    .optional(),
  systems: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      purpose: z.string(),
      root: z.string(),
      providers: z.array(z.string()),
      models: z.array(
        z.strictObject({
          id: z.string(),
          provider: z.string().nullable(),
          pinning: z.string(),
          resolvedFrom: z.string(),
          version: z.string().optional(),
          deployment: z.string().optional(),
          supplier: z.string().optional(),
        }),
      ),
      components: z.array(
        z.strictObject({
          kind: z.enum(['mcp-server', 'tool', 'retrieval', 'guardrail']),
          name: z.string(),
          via: z.string().optional(),
          acts: z.boolean().optional(),
          path: z.string(),
          line: z.number().int(),
        }),
      ),
      evidence: z.array(
        z.strictObject({
          path: z.string(),
          line: z.number().int(),
          detector: z.string(),
          confidence: z.enum(['high', 'medium', 'low']),
          snippet: z.string(),
        }),
      ),
    }),
  ),
  warnings: z.array(z.string()),
});

function sampleRepo(): string {
  const root = tempDir('cmd');
  writeTree(root, {
    'services/support-bot/main.py': OPENAI_APP('gpt-4o-2024-08-06'),
    'services/support-bot/requirements.txt': 'openai==1.40.0\n',
    'services/ranker/train.py':
      'from transformers import AutoModel\nm = AutoModel.from_pretrained("bert-base-uncased")\n',
    'services/ranker/requirements.txt': 'transformers>=4.40\n',
    'services/ranker/models/classifier.onnx': Buffer.concat([
      Buffer.from([0x08, 0x07, 0x12, 0x04]),
      Buffer.alloc(4096, 1),
    ]),
    'docs/notes.py': 'print("hello")\n',
  });
  return root;
}

describe('aims scan', () => {
  it('--format json matches the documented shape', async () => {
    const root = sampleRepo();
    const result = await runCli(['scan', root, '--format', 'json']);
    expect(result.code).toBe(0);
    const json = ScanJsonSchema.parse(JSON.parse(result.out));
    expect(json.target).toBe(root);
    const bot = json.systems.find((s) => s.root === 'services/support-bot');
    expect(bot?.providers).toContain('openai');
    expect(bot?.models).toContainEqual({
      id: 'gpt-4o-2024-08-06',
      provider: 'openai',
      pinning: 'snapshot',
      resolvedFrom: 'literal',
    });
    expect(bot?.evidence.some((e) => e.path === 'services/support-bot/main.py' && e.line === 7)).toBe(true);
  });

  it('gives the same JSON on every run', async () => {
    const root = sampleRepo();
    const first = await runCli(['scan', root, '--format', 'json']);
    const second = await runCli(['scan', root, '--format', 'json']);
    expect(second.out).toBe(first.out);
  });

  it('--format cyclonedx is a valid CycloneDX 1.6 document with models, libraries and occurrences', async () => {
    const root = sampleRepo();
    const result = await runCli(['scan', root, '--format', 'cyclonedx']);
    expect(result.code).toBe(0);
    const validation = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(result.out);
    expect(validation).toBeNull();
    const bom = JSON.parse(result.out) as {
      specVersion: string;
      components: { 'bom-ref': string; components?: Record<string, unknown>[] }[];
    };
    expect(bom.specVersion).toBe('1.6');
    const nested = bom.components.flatMap((c) => c.components ?? []);
    const model = nested.find((c) => c.name === 'gpt-4o-2024-08-06') as
      | {
          type: string;
          evidence?: { occurrences?: { location: string; line?: number }[] };
          modelCard?: unknown;
        }
      | undefined;
    expect(model?.type).toBe('machine-learning-model');
    expect(model?.evidence?.occurrences).toContainEqual(
      expect.objectContaining({ location: 'services/support-bot/main.py', line: 7 }),
    );
    expect(model?.modelCard).toBeDefined();
    expect(nested.some((c) => c.type === 'library' && c.name === 'openai')).toBe(true);
  });

  it('prints a readable table by default', async () => {
    const root = sampleRepo();
    const result = await runCli(['scan', root]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Scanned \d+ files in .*: \d+ AI systems? found/);
    expect(result.out).toContain('gpt-4o-2024-08-06');
    expect(result.out).toContain('snapshot');
    expect(result.out).toContain('services/support-bot/main.py:7');
  });

  it('rejects bad options with one line and exit 2', async () => {
    const root = sampleRepo();
    for (const argv of [
      ['scan', root, '--format', 'xml'],
      ['scan', root, '--max-bytes', 'lots'],
      ['scan', `${root}/missing`],
      ['scan', root, root],
    ]) {
      const result = await runCli(argv);
      expect(result.code).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^aims scan: /);
    }
  });

  it('--max-bytes cuts large files and names them', async () => {
    const root = tempDir('cmd');
    writeTree(root, { 'app/main.py': OPENAI_APP('gpt-4o') + '#'.repeat(5000) });
    const result = await runCli(['scan', root, '--format', 'json', '--max-bytes', '1k']);
    const json = ScanJsonSchema.parse(JSON.parse(result.out));
    expect(json.warnings).toEqual([
      expect.stringMatching(/^app\/main\.py: \d+ bytes, over the 1024-byte bound/),
    ]);
    expect(json.systems[0]?.models.map((m) => m.id)).toEqual(['gpt-4o']);
  });
});
