// Worker thread body: analyses the batches the main thread hands out until told to stop.
import { parentPort } from 'node:worker_threads';
import { analyseBatch, decodeBatch } from './analyse-files';

/** `files`: a batch as encodeBatch wrote it. */
export type ToWorker = { type: 'batch'; files: string; maxBytes: number } | { type: 'end' };

const port = parentPort;
if (port) {
  port.on('message', (message: ToWorker) => {
    if (message.type === 'end') {
      port.close();
      return;
    }
    port.postMessage({ type: 'result', ...analyseBatch(decodeBatch(message.files), message.maxBytes) });
  });
  port.postMessage({ type: 'ready' });
}
