// Table lookups by names read from a repository: a package, file or class may be called 'constructor'.

/** The table's own entry for `key`, never one inherited from Object.prototype. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
