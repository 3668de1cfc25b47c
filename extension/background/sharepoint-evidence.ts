// *Register as evidence* from a SharePoint document page, in the background. Pinning a real document's
// version needs a Graph token and the extension has no SharePoint sign-in yet, so only the demo tenant
// (harbormutual.sharepoint.com) registers from here; elsewhere the answer says to use
// `aims sharepoint evidence register`. The demo has no files: it records version 1.0 with the demo's
// stand-in hash (SHA-256 of "<address>@<version>"), as the demo's own evidence does.
import { versionAddress } from '../../connectors/sharepoint/evidence';
import type { EvidenceItem } from '../../shared/model';
import { recordOne } from '../../shared/records';
import { sha256Hex, type Register } from '../../shared/register';
import { sharePointDocument } from '../overlay/sharepoint-pages';
import type { SharePointRegisterEvidenceRequest } from './messages';
import type { z } from 'zod';

export const DEMO_SHAREPOINT_HOST = 'harbormutual.sharepoint.com';
const DEMO_VERSION = '1.0';

/**
 * Records the page's document as evidence for the given clauses, controls and systems. Throws an
 * Error with a one-line reason for a page that is not a document, an unknown system, or a tenant the
 * extension cannot read yet. Returns the evidence as stored.
 */
export async function registerPageEvidence(
  register: Register,
  request: z.infer<typeof SharePointRegisterEvidenceRequest>,
  now: string,
): Promise<EvidenceItem> {
  const page = new URL(request.url);
  const document = sharePointDocument(page);
  if (!document?.path) throw new Error('not a document page: open the document itself to register it');
  if (page.hostname.toLowerCase() !== DEMO_SHAREPOINT_HOST) {
    throw new Error(
      'pinning a version needs a SharePoint connection, which the extension does not have yet: use aims sharepoint evidence register',
    );
  }
  for (const id of request.systemIds) {
    if (!(await register.get('ai-system', id))) throw new Error(`no AI system '${id}' in the register`);
  }
  const origin = `https://${page.hostname.toLowerCase()}`;
  const fileUrl = `${origin}${encodeURI(document.path)}`;
  const siteUrl = `${origin}${encodeURI(document.site)}`;
  const key = sha256Hex(fileUrl).slice(0, 16);
  const id = `ev-sharepoint-${key}`;
  // Through the core's write path, as `aims record evidence` would.
  await recordOne(
    register,
    'evidence',
    {
      kind: 'evidence',
      id,
      title: request.title,
      sourceTool: 'sharepoint',
      url: versionAddress(siteUrl, fileUrl, DEMO_VERSION),
      pinnedVersion: DEMO_VERSION,
      contentHash: sha256Hex(`${fileUrl}@${DEMO_VERSION}`),
      capturedAt: now,
      clauses: request.clauses,
      controls: request.controls,
      systemIds: request.systemIds,
      sourceVersion: { itemId: `demo-${key}`, versionId: DEMO_VERSION, webUrl: fileUrl },
    },
    {
      actor: 'aims-extension',
      cause: 'register as evidence from a SharePoint page',
      today: now.slice(0, 10),
      now,
    },
  );
  return register.require('evidence', id);
}
