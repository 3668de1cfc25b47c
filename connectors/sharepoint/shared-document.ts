// A SharePoint document known only by the address a person has open: Graph resolves any sharing or
// direct address of a file to its drive item through the shares API.
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { SharePointError } from './errors';
import { graphCall } from './graph-call';

/**
 * Graph's share id for an address: `u!` then the URL's UTF-8 bytes in unpadded base64url
 * ('+' → '-', '/' → '_', '=' removed). Source: Microsoft Graph, "Access shared DriveItems"
 * (GET /shares/{shareIdOrEncodedSharingUrl}), section "Encoding sharing URLs".
 */
export function shareIdFor(address: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(address)) binary += String.fromCharCode(byte);
  return `u!${btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`;
}

const SharedDriveItem = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  webUrl: z.string().min(1),
  parentReference: z.object({ driveId: z.string().min(1), siteId: z.string().nullish() }),
  file: z.object({}).loose().nullish(),
});

export interface SharedDocumentRef {
  driveId: string;
  itemId: string;
  name: string;
  /** The file's address as Graph gives it. */
  webUrl: string;
}

/**
 * `GET /shares/{u!…}/driveItem` for a file's address. Throws SharePointError: 'not-found' when Graph
 * knows no file there (or the signed-in person may not see it), 'failed' for a folder, 'malformed' for
 * an answer without a drive id; the usual Graph failures otherwise.
 */
export async function resolveSharedDocument(client: Client, address: string): Promise<SharedDocumentRef> {
  const item = await graphCall('GET shared drive item', SharedDriveItem, () =>
    client.api(`/shares/${shareIdFor(address)}/driveItem`).get(),
  );
  if (!item.file) throw new SharePointError('failed', `${item.name} is a folder, not a file`);
  return { driveId: item.parentReference.driveId, itemId: item.id, name: item.name, webUrl: item.webUrl };
}
