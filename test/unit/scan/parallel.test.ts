import { describe, expect, it } from 'vitest';
import {
  AnalysisPool,
  FileQueue,
  analyseBatch,
  idleCores,
  scanDirectory,
  walkTree,
} from '../../../connectors/local/scan';
import { OPENAI_APP, tempDir, writeTree } from './support';

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

  it('starts workers only on cores other processes leave idle', () => {
    expect(idleCores(2, 0.3)).toBe(2);
    expect(idleCores(8, 2.2)).toBe(6);
    // A saturated machine: a worker would only take turns with the main thread.
    expect(idleCores(2, 1.6)).toBe(1);
    expect(idleCores(2, 14)).toBe(1);
    expect(idleCores(4, 0)).toBe(4);
    // Nonsense from the platform never means zero threads or more threads than cores.
    expect(idleCores(2, -3)).toBe(2);
    expect(idleCores(1, 0)).toBe(1);
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
