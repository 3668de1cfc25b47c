import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AnalysisPool,
  FileQueue,
  analyseBatch,
  encodeBatch,
  finishReaderResult,
  cpuTimes,
  idleBetween,
  idleCores,
  readBatch,
  decodeBatch,
  scanDirectory,
  walkTree,
} from '../../../connectors/local/scan';
import { OPENAI_APP, tempDir, writeTree } from './support';

/** Files a reader thread must hand back or settle exactly as the main thread would read them. */
function oddTree(): string {
  const root = tempDir('par-odd');
  const gguf = Buffer.alloc(70_000, 7);
  gguf.write('GGUF', 0, 'latin1');
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('import openai\nm = "gpt-4o"\n', 'utf16le'),
  ]);
  const binary = Buffer.alloc(5000, 0);
  binary.write('model', 100, 'latin1');
  writeTree(root, {
    'app/main.py': OPENAI_APP('gpt-4o-mini'),
    'app/plain.py': 'def f():\n    return 1\n',
    'app/big.py': `${'x = 1\n'.repeat(400)}import openai\n`,
    'app/big_plain.py': 'y = 2\n'.repeat(400),
    'app/utf16.py': utf16,
    'app/binary.py': binary,
    'app/bom.py': `\ufeff${OPENAI_APP('gpt-4o')}`,
    'app/latin.py': Buffer.from([0x6d, 0x3d, 0x22, 0xe9, 0xff, 0x22, 0x0a]),
    'models/llm.gguf': gguf,
    'config/settings.yaml': 'llm:\n  model: gpt-4o\n',
    'requirements.txt': 'openai==1.40.0\n',
    'app/locked.py': 'import openai\n',
  });
  symlinkSync(join(root, 'app/main.py'), join(root, 'app/linked.py'));
  chmodSync(join(root, 'app/locked.py'), 0o000);
  return root;
}

function tree(): string {
  const root = tempDir('par');
  const files: Record<string, string> = {};
  for (let s = 0; s < 6; s++) {
    files[`svc${s}/requirements.txt`] = s % 2 ? 'openai==1.40.0\n' : 'flask==3.0.0\n';
    for (let f = 0; f < 60; f++)
      files[`svc${s}/src/m${f}.py`] = f === 7 ? OPENAI_APP(`gpt-4o`) : `def f${f}():\n    return ${f}\n`;
  }
  writeTree(root, files);
  return root;
}

describe('parallel analysis', () => {
  it('gives the same report with worker threads as on one thread', async () => {
    const root = tree();
    const single = await scanDirectory(root, { threads: 1, target: 't' });
    const parallel = await scanDirectory(root, { threads: 2, parallelThreshold: 1, target: 't' });
    expect(parallel).toEqual(single);
    expect(single.scannedFiles).toBe(366);
    expect(single.systems.length).toBeGreaterThan(0);
  });

  it('gives the same report when reader threads read binary, UTF-16, oversize, model and unreadable files', async () => {
    const root = oddTree();
    // 2 KiB bound: big.py is cut (its AI import lies past the cut), big_plain.py is cut and settled by bytes.
    const single = await scanDirectory(root, { threads: 1, target: 't', maxBytes: 2048 });
    const parallel = await scanDirectory(root, {
      threads: 2,
      parallelThreshold: 1,
      target: 't',
      maxBytes: 2048,
    });
    expect(parallel).toEqual(single);
    expect(
      single.warnings.some((w) => w.startsWith('app/big_plain.py: 2400 bytes, over the 2048-byte bound')),
    ).toBe(true);
    expect(single.warnings).toContain('app/binary.py: binary content, skipped text detection');
    expect(single.systems.some((s) => s.models.some((m) => m.id === 'gpt-4o-mini'))).toBe(true);
  });

  it('settles in a reader only the code files its byte test rules out, and hands back the rest', async () => {
    const root = oddTree();
    const { files } = await walkTree(root);
    const refs = decodeBatch(encodeBatch(files));
    expect(refs.find((r) => r.path === 'models/llm.gguf')?.kind).toBe('head');
    expect(refs.find((r) => r.path === 'config/settings.yaml')?.kind).toBe('text');
    expect(refs.find((r) => r.path === 'app/plain.py')?.kind).toBe('gate');
    const read = readBatch(refs, 2048);
    const handed = read.handed.map((h) => h.path).sort();
    expect(handed).toContain('app/main.py');
    expect(handed).toContain('app/utf16.py');
    expect(handed).toContain('app/binary.py');
    expect(handed).toContain('models/llm.gguf');
    expect(handed).not.toContain('app/plain.py');
    expect(handed).not.toContain('app/big_plain.py');
    // Finished on the main thread, a reader's batch is what the main thread's own reading gives.
    const viaReader = finishReaderResult(read, 2048);
    const direct = analyseBatch(files, 2048);
    expect(viaReader.scanned).toBe(direct.scanned);
    expect([...viaReader.warnings].sort()).toEqual([...direct.warnings].sort());
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : 1);
    expect([...viaReader.analysed].sort(byPath)).toEqual([...direct.analysed].sort(byPath));
  });

  it('analyses every queued file exactly once, across worker threads', async () => {
    const root = tree();
    const { files } = await walkTree(root);
    const queue = new FileQueue();
    files.forEach((f) => queue.push(f));
    queue.close();
    const pool = new AnalysisPool(queue, { maxBytes: 1 << 20, threads: 3, threshold: 1 });
    pool.consider();
    expect(pool.workerCount).toBe(2);
    const { analysed, scanned } = await pool.finish();
    expect(scanned).toBe(files.length);
    // Files where nothing was found are counted, not kept; every other file comes back once.
    const found = analyseBatch(files, 1 << 20).analysed.map((a) => a.path);
    expect(found.length).toBeGreaterThan(6);
    expect(found.length).toBeLessThan(files.length);
    expect(analysed.map((a) => a.path).sort()).toEqual([...found].sort());
  });

  it('on one thread, analyses each batch as soon as it fills instead of holding every file found', async () => {
    const root = tree();
    const { files } = await walkTree(root);
    const queue = new FileQueue();
    const pool = new AnalysisPool(queue, { maxBytes: 1 << 20, threads: 1 });
    for (const file of files.slice(0, 200)) {
      queue.push(file);
      pool.consider();
    }
    // The first full batch (128 files) is gone from the queue: analysed, not waiting for the walk's end.
    expect(queue.take()).toBeUndefined();
    for (const file of files.slice(200)) queue.push(file);
    queue.close();
    const { scanned, analysed } = await pool.finish();
    expect(pool.workerCount).toBe(0);
    expect(scanned).toBe(files.length);
    expect(analysed.map((a) => a.path).sort()).toEqual(
      analyseBatch(files, 1 << 20)
        .analysed.map((a) => a.path)
        .sort(),
    );
  });

  it('starts workers only on cores other processes left idle while the scan started', () => {
    // Measured idle cores decide: the main thread is busy on one, each idle one may take a reader.
    expect(idleCores(2, 1.6, 0.9)).toBe(2);
    expect(idleCores(2, 0.2, 0.3)).toBe(1);
    expect(idleCores(8, 14, 6.6)).toBe(7);
    // A core idle only part of the time is busy for a reader: three quarters idle is the bar.
    expect(idleCores(2, 0, 0.6)).toBe(1);
    expect(idleCores(2, 0, 0.75)).toBe(2);
    expect(idleCores(8, 0, 2.2)).toBe(3);
    // Without a long enough window, the one-minute load average stands in.
    expect(idleCores(2, 0.3, null)).toBe(2);
    expect(idleCores(8, 2.2, null)).toBe(6);
    expect(idleCores(2, 1.6, null)).toBe(1);
    expect(idleCores(2, 14, null)).toBe(1);
    expect(idleCores(4, 0, null)).toBe(4);
    // Nonsense from the platform never means zero threads or more threads than cores.
    expect(idleCores(2, -3, null)).toBe(2);
    expect(idleCores(1, 0, null)).toBe(1);
    expect(idleCores(2, 0, -5)).toBe(1);
    expect(idleCores(2, 0, 40)).toBe(2);
  });

  it("reads idle cores from two readings of the cores' times, only over a long enough window", () => {
    const at = (total: number, idle: number) => ({ total, idle });
    // 2 cores, 200 ms of core time, half of it idle: one core free.
    expect(idleBetween(at(1000, 400), at(1200, 500), 2)).toBeCloseTo(1);
    expect(idleBetween(at(1000, 400), at(1200, 400), 2)).toBe(0);
    // 20 ms per core is two kernel ticks: too few to say.
    expect(idleBetween(at(1000, 400), at(1040, 420), 2)).toBeNull();
    // A clock that went backwards, or idle time beyond the total, stays within 0 and the core count.
    expect(idleBetween(at(1000, 400), at(900, 300), 2)).toBeNull();
    expect(idleBetween(at(1000, 400), at(1200, 900), 2)).toBe(2);
    const now = cpuTimes();
    expect(now.total).toBeGreaterThan(0);
    expect(now.idle).toBeLessThanOrEqual(now.total);
  });

  it('decides the thread count only once the walk has found enough files', async () => {
    const root = tree();
    const { files } = await walkTree(root);
    const queue = new FileQueue();
    const pool = new AnalysisPool(queue, { maxBytes: 1 << 20, threshold: 300 });
    for (const file of files.slice(0, 256)) {
      queue.push(file);
      pool.consider();
    }
    // Below the threshold nothing is decided: the batches wait, no worker started.
    expect(queue.take()).toHaveLength(128);
    expect(pool.workerCount).toBe(0);
    for (const file of files.slice(256)) {
      queue.push(file);
      pool.consider();
    }
    queue.close();
    const { scanned } = await pool.finish();
    expect(scanned).toBe(files.length - 128);
  });

  it('waits a batch more while the window is too short to tell idle cores from busy ones', async () => {
    const root = tree();
    const { files } = await walkTree(root);
    const queue = new FileQueue();
    const answers: (number | null)[] = [null, null, 0];
    let asked = 0;
    const idleNow = () => answers[Math.min(asked++, answers.length - 1)] ?? null;
    const pool = new AnalysisPool(queue, { maxBytes: 1 << 20, threshold: 1, idleNow });
    const push = (count: number) => {
      for (const file of files.splice(0, count)) {
        queue.push(file);
        pool.consider();
      }
    };
    push(1);
    // Enough files, but no verdict yet: asked once, and not again before another batch was found.
    expect(asked).toBe(1);
    push(127);
    expect(asked).toBe(1);
    push(1);
    expect(asked).toBe(2);
    // Nothing analysed meanwhile: the batch waits.
    expect(queue.take()).toHaveLength(128);
    // A verdict (no idle core): one thread, which analyses what waited.
    push(128);
    expect(asked).toBe(3);
    expect(queue.take()).toBeUndefined();
    expect(pool.workerCount).toBe(0);
    push(files.length);
    queue.close();
    const { scanned } = await pool.finish();
    expect(asked).toBe(3);
    expect(scanned).toBe(366 - 128);
  });

  it('decides at the end of the walk, from the load average, when the window never grew long enough', async () => {
    const root = tree();
    const { files } = await walkTree(root);
    const queue = new FileQueue();
    let asked = 0;
    const pool = new AnalysisPool(queue, {
      maxBytes: 1 << 20,
      threshold: 1,
      idleNow: () => {
        asked++;
        return null;
      },
    });
    for (const file of files) {
      queue.push(file);
      pool.consider();
    }
    queue.close();
    const { scanned } = await pool.finish();
    // Once per batch while walking (3 full batches), once more at the end; every file analysed once.
    expect(asked).toBe(4);
    expect(scanned).toBe(files.length);
  });

  describe('a reader thread that fails loses no file', () => {
    // Reader bodies that break in each way a thread can: at start, on its first batch, or after taking
    // a batch (its shared cell says "reader") without answering for it.
    const broken: Record<string, string> = {
      'fails to start': 'throw new Error("cannot start");',
      'throws on its first batch':
        'require("node:worker_threads").parentPort.on("message", () => { throw new Error("boom"); });',
      'exits after taking a batch': [
        'const { parentPort } = require("node:worker_threads");',
        'parentPort.on("message", (m) => {',
        '  if (m.type === "end") return parentPort.close();',
        '  if (Atomics.compareExchange(m.claim, 0, 0, 1) === 0) process.exit(3);',
        '  parentPort.postMessage({ type: "taken" });',
        '});',
      ].join('\n'),
    };
    for (const [how, code] of Object.entries(broken)) {
      it(`when it ${how}: the report is the one-thread report`, async () => {
        const root = tree();
        const single = await scanDirectory(root, { threads: 1, target: 't' });
        const { files } = await walkTree(root);
        const queue = new FileQueue();
        const pool = new AnalysisPool(queue, {
          maxBytes: 1 << 20,
          threads: 3,
          threshold: 1,
          workerEntry: { code },
        });
        for (const file of files) {
          queue.push(file);
          pool.consider();
        }
        // Time for the readers to start and take (or break on) what was posted to them.
        await new Promise((resolve) => setTimeout(resolve, 300));
        queue.close();
        const { analysed, scanned, warnings } = await pool.finish();
        expect(pool.workerCount).toBe(2);
        expect(scanned).toBe(single.scannedFiles);
        expect(warnings).toEqual([]);
        const found = analyseBatch(files, 1 << 20).analysed.map((a) => a.path);
        expect(analysed.map((a) => a.path).sort()).toEqual([...found].sort());
      });
    }

    it('when a reader dies mid-scan holding a batch, the main thread reads that batch and the rest', async () => {
      const root = tree();
      const { files } = await walkTree(root);
      const queue = new FileQueue();
      // The reader answers "taken" for every batch (the main thread reads them) until, on its second,
      // it takes the batch and dies with it.
      const flaky = [
        'const { parentPort } = require("node:worker_threads");',
        'let seen = 0;',
        'parentPort.on("message", (m) => {',
        '  if (m.type === "end") return parentPort.close();',
        '  if (++seen === 2 && Atomics.compareExchange(m.claim, 0, 0, 1) === 0) process.exit(1);',
        '  parentPort.postMessage({ type: "taken" });',
        '});',
      ].join('\n');
      const pool = new AnalysisPool(queue, {
        maxBytes: 1 << 20,
        threads: 2,
        threshold: 1,
        workerEntry: { code: flaky },
      });
      for (const file of files) {
        queue.push(file);
        pool.consider();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      queue.close();
      const { analysed, scanned } = await pool.finish();
      expect(scanned).toBe(files.length);
      const found = analyseBatch(files, 1 << 20).analysed.map((a) => a.path);
      expect(analysed.map((a) => a.path).sort()).toEqual([...found].sort());
    });
  });

  it('reports files that vanish between the walk and their reading, with reader threads as on one thread', async () => {
    const root = tree();
    writeTree(root, { 'svc0/config.yaml': 'llm:\n  model: gpt-4o\n' });
    const { files } = await walkTree(root);
    // Gone after the walk listed them: an AI file, a plain one, a config file, a manifest.
    const gone = ['svc0/src/m7.py', 'svc1/src/m3.py', 'svc0/config.yaml', 'svc1/requirements.txt'];
    for (const path of gone) rmSync(join(root, path));
    const single = analyseBatch(files, 1 << 20);
    const queue = new FileQueue();
    files.forEach((f) => queue.push(f));
    queue.close();
    const pool = new AnalysisPool(queue, { maxBytes: 1 << 20, threads: 2, threshold: 1 });
    pool.consider();
    expect(pool.workerCount).toBe(1);
    const { analysed, scanned, warnings } = await pool.finish();
    expect(scanned).toBe(files.length - gone.length);
    expect(warnings.sort()).toEqual(gone.map((path) => `${path}: unreadable (ENOENT), skipped`).sort());
    expect(single.warnings.sort()).toEqual(warnings);
    expect(analysed.map((a) => a.path).sort()).toEqual(single.analysed.map((a) => a.path).sort());
  });

  it('hands out batches as they fill and reports the end', async () => {
    const queue = new FileQueue();
    const ready = queue.whenReady();
    for (let i = 0; i < 130; i++) queue.push({ path: `f${i}.py`, abs: `/x/f${i}.py` });
    await ready;
    expect(queue.take()).toHaveLength(128);
    expect(queue.take()).toBeUndefined();
    expect(queue.finished).toBe(false);
    queue.close();
    expect(queue.take()).toHaveLength(2);
    expect(queue.finished).toBe(true);
  });
});
