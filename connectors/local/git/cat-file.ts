// One long-lived `git cat-file --batch` process: blobs stream back in request order and are cut to
// the byte bound as they arrive, so a huge blob never sits in memory whole.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { GitError } from './git-command';

export interface BlobRequest {
  /** Keep at most this many leading bytes. */
  keepBytes: number;
  /** Also sha256 every byte (model files). */
  hash?: boolean;
}

export interface Blob {
  bytes: Uint8Array;
  size: number;
  contentHash?: string;
}

interface Pending {
  sha: string;
  request: BlobRequest;
  resolve: (blob: Blob) => void;
  reject: (error: Error) => void;
}

interface Receiving {
  pending: Pending;
  size: number;
  /** Bytes of the body (content plus the trailing newline) consumed so far. */
  seen: number;
  kept: Buffer;
  hash?: Hash;
}

const NEWLINE = 0x0a;

export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private header = Buffer.alloc(0);
  private receiving: Receiving | undefined;
  private failure: Error | undefined;

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.resume();
    this.child.stdin.on('error', (error) => this.fail(new GitError(`git cat-file: ${error.message}`)));
    this.child.on('error', (error) => this.fail(new GitError(`cannot run git: ${error.message}`)));
    this.child.on('close', () => this.fail(new GitError('git cat-file ended early')));
  }

  read(sha: string, request: BlobRequest): Promise<Blob> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ sha, request, resolve, reject });
      this.child.stdin.write(`${sha}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const closed = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.child.stdin.end();
    await closed;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = [...(this.receiving ? [this.receiving.pending] : []), ...this.queue.splice(0)];
    this.receiving = undefined;
    for (const pending of waiting) pending.reject(error);
  }

  private onData(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.receiving) {
        const newline = chunk.indexOf(NEWLINE, offset);
        if (newline === -1) {
          this.header = Buffer.concat([this.header, chunk.subarray(offset)]);
          return;
        }
        const line = Buffer.concat([this.header, chunk.subarray(offset, newline)]).toString('utf8');
        this.header = Buffer.alloc(0);
        offset = newline + 1;
        this.startBlob(line);
        continue;
      }
      const current = this.receiving;
      const take = Math.min(current.size + 1 - current.seen, chunk.length - offset);
      this.consume(current, chunk.subarray(offset, offset + take));
      offset += take;
      if (current.seen === current.size + 1) this.finish(current);
    }
  }

  private startBlob(line: string): void {
    const pending = this.queue.shift();
    if (!pending) return;
    const [, type, size] = line.split(' ');
    if (type === undefined || size === undefined || line.endsWith(' missing')) {
      pending.reject(new GitError(`git cat-file: object ${pending.sha} missing`));
      return;
    }
    const total = Number(size);
    this.receiving = {
      pending,
      size: total,
      seen: 0,
      kept: Buffer.allocUnsafe(Math.min(total, pending.request.keepBytes)),
    };
    if (pending.request.hash) this.receiving.hash = createHash('sha256');
  }

  private consume(current: Receiving, part: Buffer): void {
    // The last byte of the body is git's separator newline, not content.
    const contentEnd = Math.max(0, Math.min(part.length, current.size - current.seen));
    const content = part.subarray(0, contentEnd);
    if (current.seen < current.kept.length)
      content.copy(current.kept, current.seen, 0, current.kept.length - current.seen);
    current.hash?.update(content);
    current.seen += part.length;
  }

  private finish(current: Receiving): void {
    this.receiving = undefined;
    const blob: Blob = { bytes: current.kept, size: current.size };
    if (current.hash) blob.contentHash = current.hash.digest('hex');
    current.pending.resolve(blob);
  }
}
