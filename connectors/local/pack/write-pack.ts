// Writes an evidence pack to a folder: the site's files, then manifest.json with the hash of each.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { prettyJson, writeFileAtomic } from '../workspace';
import { MANIFEST_NAME, PACK_FORMAT, hashFile, sha256, type PackManifest } from './manifest';

export interface PackFileToWrite {
  path: string;
  content: string;
}

export class PackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackError';
  }
}

const SAFE_PATH = /^(?:[A-Za-z0-9._~-]+\/)*[A-Za-z0-9._~-]+$/;

/** Refuses a folder that already holds files, so a pack never mixes with anything else. */
export async function writeEvidencePack(
  dir: string,
  files: readonly PackFileToWrite[],
  generatedAt: string,
): Promise<{ files: number; manifestSha256: string }> {
  const root = resolve(dir);
  if (existsSync(root)) {
    if (!(await stat(root)).isDirectory()) throw new PackError(`${root}: exists and is not a folder`);
    if ((await readdir(root)).length > 0)
      throw new PackError(`${root}: folder is not empty; choose a new --out folder`);
  }
  const seen = new Set<string>();
  for (const file of files) {
    // Paths come from ids; refuse anything that could escape the folder or collide with the manifest.
    if (
      !SAFE_PATH.test(file.path) ||
      file.path.split('/').some((p) => p === '..' || p === '.') ||
      file.path === MANIFEST_NAME
    ) {
      throw new PackError(`refusing pack path '${file.path}'`);
    }
    if (seen.has(file.path)) throw new PackError(`pack path '${file.path}' is produced twice`);
    seen.add(file.path);
  }
  for (const file of files) await writeFileAtomic(join(root, ...file.path.split('/')), file.content);
  const entries: PackManifest['files'] = [];
  for (const path of [...seen].sort()) entries.push({ path, ...(await hashFile(root, path)) });
  const manifest: PackManifest = { format: PACK_FORMAT, version: 1, generatedAt, files: entries };
  const text = prettyJson(manifest);
  await writeFileAtomic(join(root, MANIFEST_NAME), text);
  return { files: entries.length, manifestSha256: sha256(text) };
}
