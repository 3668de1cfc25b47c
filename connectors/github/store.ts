// Where a connector keeps what it must remember between runs (ETags, per-repository results, an
// interrupted run's progress): a string key-value store, so the CLI can use files and the extension
// its own storage. Values are JSON text.

export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** In memory, for one process: tests, and the extension's short-lived scans. */
export class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.map.get(key));
  }
  set(key: string, value: string): Promise<void> {
    this.map.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.map.delete(key);
    return Promise.resolve();
  }
}
