// What `aims scan` loads before it reads a file: every scan pays for it. The report schemas' validation
// library is for checking reports others hand over, not for producing one.
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli.mjs';
import { loadedInputs } from '../../support/bundled-cli';
import { tempDir } from '../../support/temp';

describe('compiled scan command', () => {
  it('loads neither zod nor the register (its hash aside), for the command, its worker threads or the unchanged --workspace path; workers no detectors', async () => {
    const { metafile } = await buildCli({
      outdir: tempDir('scan-load'),
      metafile: true,
    });
    const outputs = metafile?.outputs ?? {};
    const loaded = (start: string) => loadedInputs(outputs, start);
    const holding = (input: string) =>
      Object.keys(outputs).find((o) => Object.keys(outputs[o]?.inputs ?? {}).some((i) => i.endsWith(input)));
    const scan = holding('scripts/cli/commands/scan.ts');
    const worker = holding('connectors/local/scan/scan-worker.ts');
    expect(scan).toBeDefined();
    expect(worker).toBeDefined();
    for (const start of [scan, worker]) {
      const inputs = loaded(start ?? '');
      expect(inputs.some((i) => i.endsWith('shared/discovery/word-gate.ts'))).toBe(true);
      expect(inputs.filter((i) => /node_modules\/zod\/|shared\/register\/(?!hash\.ts)/.test(i))).toEqual([]);
    }
    // A reader thread reads and tests bytes: no detector, no parser, so it starts in a fraction of the time.
    const reader = loaded(worker ?? '');
    expect(
      reader.filter((i) =>
        /shared\/discovery\/(?:registry|detect|code\/index)\.ts|node_modules\/(?:yaml|smol-toml)\//.test(i),
      ),
    ).toEqual([]);
    // `scan --workspace` of an unchanged tree answers from the scan index: what it loads for that (the index,
    // the record caches it reads, inventory sync, git) must not pull in the validator either.
    for (const module of [
      'connectors/local/workspace/scan-index.ts',
      'connectors/local/workspace/record-cache.ts',
      'connectors/local/inventory-sync.ts',
    ]) {
      const output = holding(module);
      expect(output, module).toBeDefined();
      expect(loaded(output ?? '').filter((i) => /node_modules\/zod\//.test(i))).toEqual([]);
    }
  });
});
