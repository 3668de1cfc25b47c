// A blob's bytes over the API (git/blobs: base64, up to GitHub's 100 MB), and its sha256 for the
// register's evidence items. Pure JavaScript, so the extension's background can run it.
import { sha256Hex } from '../../shared/register/hash';
import { GitHubError, getJson, seg } from './api';
import type { GitHubClient } from './client';
import { GitBlob } from './schemas';

export interface BlobBytes {
  bytes: Uint8Array;
  /** sha256 hex of every byte. */
  contentHash: string;
}

/** Decodes GitHub's base64 (wrapped at 60 columns); anything else base64 cannot carry is an error. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[\r\n\s]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new Error('not base64');
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function fetchBlob(
  client: GitHubClient,
  owner: string,
  repo: string,
  sha: string,
): Promise<BlobBytes> {
  const route = `/repos/${seg(owner)}/${seg(repo)}/git/blobs/${seg(sha)}`;
  const blob = await getJson(client, route, GitBlob);
  let bytes: Uint8Array;
  if (blob.data.encoding === 'base64') {
    try {
      bytes = decodeBase64(blob.data.content);
    } catch {
      throw new GitHubError('malformed', `GET ${route}: content is not valid base64`);
    }
  } else if (blob.data.encoding === 'utf-8') {
    bytes = new TextEncoder().encode(blob.data.content);
  } else {
    throw new GitHubError('malformed', `GET ${route}: unknown encoding '${blob.data.encoding}'`);
  }
  if (blob.data.size !== null && blob.data.size !== bytes.length)
    throw new GitHubError(
      'malformed',
      `GET ${route}: ${bytes.length} bytes where ${blob.data.size} were announced`,
    );
  return { bytes, contentHash: sha256Hex(bytes) };
}
