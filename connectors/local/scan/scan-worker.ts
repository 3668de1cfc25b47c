// Reader thread body: takes each batch the main thread posts unless the main thread took it first, reads
// it and applies the byte test, until told to stop. It imports no detector (see read-batch.ts).
import { parentPort } from 'node:worker_threads';
import { CLAIMED_BY_READER, UNCLAIMED, decodeBatch, readBatch, type ReaderResult } from './read-batch';

/** `files`: a batch as encodeBatch wrote it; `claim`: its shared cell (see UNCLAIMED). */
export type ToWorker =
  { type: 'batch'; files: string; maxBytes: number; claim: Int32Array } | { type: 'end' };

/** One answer per batch, in the order they were posted: its result, or 'taken' (the main thread read it). */
export type FromWorker = { type: 'ready' } | { type: 'taken' } | ({ type: 'result' } & ReaderResult);

const port = parentPort;
if (port) {
  const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'end') {
      port.close();
      return;
    }
    if (Atomics.compareExchange(message.claim, 0, UNCLAIMED, CLAIMED_BY_READER) !== UNCLAIMED) {
      send({ type: 'taken' });
      return;
    }
    const result = readBatch(decodeBatch(message.files), message.maxBytes);
    send({ type: 'result', ...result }, [result.data]);
  });
  send({ type: 'ready' });
}
