// Reader thread body: reads the batches the main thread hands out and applies the byte test, until told
// to stop. It imports no detector (see read-batch.ts).
import { parentPort } from 'node:worker_threads';
import { decodeBatch, readBatch } from './read-batch';

/** `files`: a batch as encodeBatch wrote it. */
export type ToWorker = { type: 'batch'; files: string; maxBytes: number } | { type: 'end' };

const port = parentPort;
if (port) {
  port.on('message', (message: ToWorker) => {
    if (message.type === 'end') {
      port.close();
      return;
    }
    const result = readBatch(decodeBatch(message.files), message.maxBytes);
    port.postMessage({ type: 'result', ...result }, [result.data]);
  });
  port.postMessage({ type: 'ready' });
}
