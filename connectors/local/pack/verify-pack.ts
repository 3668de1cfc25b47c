// Checks a pack against its manifest: every listed file present and unchanged, and nothing added.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_NAME, PackManifest, hashFile, listFiles, sha256 } from './manifest';
import { PackError } from './write-pack';

export interface PackVerdict {
  ok: boolean;
  checked: number;
  altered: string[];
  missing: string[];
  added: string[];
  /** SHA-256 of manifest.json itself: compare it with the value recorded when the pack was handed over. */
  manifestSha256?: string;
  /** Set when the manifest itself is absent or unreadable. */
  manifestProblem?: string;
}

export async function verifyEvidencePack(dir: string): Promise<PackVerdict> {
  const root = resolve(dir);
  if (!existsSync(root) || !(await stat(root)).isDirectory()) throw new PackError(`${root}: no such folder`);
  const present = await listFiles(root);
  const empty = { checked: 0, altered: [], missing: [] };
  if (!present.includes(MANIFEST_NAME)) {
    return { ok: false, ...empty, added: present, manifestProblem: `${MANIFEST_NAME} is missing` };
  }
  const text = await readFile(join(root, MANIFEST_NAME), 'utf8');
  let parsed: PackManifest;
  try {
    parsed = PackManifest.parse(JSON.parse(text));
  } catch {
    return {
      ok: false,
      ...empty,
      added: [],
      manifestSha256: sha256(text),
      manifestProblem: `${MANIFEST_NAME} is not a valid pack manifest`,
    };
  }
  const listed = new Map(parsed.files.map((f) => [f.path, f]));
  const altered: string[] = [];
  const missing: string[] = [];
  for (const entry of parsed.files) {
    if (!present.includes(entry.path)) {
      missing.push(entry.path);
      continue;
    }
    const actual = await hashFile(root, entry.path);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) altered.push(entry.path);
  }
  const added = present.filter((p) => p !== MANIFEST_NAME && !listed.has(p));
  return {
    ok: altered.length + missing.length + added.length === 0,
    checked: parsed.files.length,
    altered,
    missing,
    added,
    manifestSha256: sha256(text),
  };
}
