// The pack's manifest: the SHA-256 of every file, so any later change to the pack is detectable.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';

export const MANIFEST_NAME = 'manifest.json';
export const PACK_FORMAT = 'aims-lens-evidence-pack';

export const PackManifest = z.object({
  format: z.literal(PACK_FORMAT),
  version: z.literal(1),
  generatedAt: z.string(),
  files: z.array(
    z.object({
      path: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().nonnegative(),
    }),
  ),
});
export type PackManifest = z.infer<typeof PackManifest>;

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** Every file under `root`, as '/'-separated relative paths, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

export async function hashFile(root: string, path: string): Promise<{ sha256: string; bytes: number }> {
  const data = await readFile(join(root, ...path.split('/')));
  return { sha256: sha256(data), bytes: data.byteLength };
}
