// A folder as the connectors' key-value store (ETags, per-repository results, run progress): one
// file per key, named by the key's hash so no key can name a path, written atomically. What it holds
// describes private repositories, so the folder is the user's alone (0700) and each file too (0600).
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../../shared/register/hash';
import type { KeyValueStore } from '../github/store';
import { writeFileAtomic } from './workspace/atomic-write';

export class DirectoryStore implements KeyValueStore {
  private ready: Promise<void> | undefined;

  constructor(readonly dir: string) {}

  /** Creates the folder 0700, and narrows one an earlier version left readable by others. */
  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await chmod(this.dir, 0o700);
    })();
    return this.ready;
  }

  private file(key: string): string {
    return join(this.dir, `${sha256Hex(key).slice(0, 40)}.json`);
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const text = await readFile(this.file(key), 'utf8');
      const entry = JSON.parse(text) as { key: string; value: string };
      // A hash collision or a foreign file reads as absent, never as someone else's value.
      return entry.key === key ? entry.value : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  async set(key: string, value: string): Promise<void> {
    await this.prepare();
    await writeFileAtomic(this.file(key), JSON.stringify({ key, value }), { mode: 0o600 });
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
