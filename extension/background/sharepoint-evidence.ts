// *Register as evidence* from a SharePoint document page, in the background.
//  - On a real tenant the document is resolved through Microsoft Graph with the Microsoft 365 sign-in
//    kept here (GET /shares/{u!…}/driveItem), and its current version is pinned by the connector's
//    registerEvidence: drive item id, version id, the hash Graph reports, the SHA-256 of that version's
//    bytes, and a link that opens that version (the file's own address while it is the current one).
//    Not signed in (or a renewal that failed) is a
//    RemedyError: the overlay offers the Connections page. The token never leaves the background.
//  - On the demo tenant (harbormutual.sharepoint.com), which has no files, it records version 1.0 with
//    the demo's stand-in hash (SHA-256 of "<address>@<version>"), as the demo's own evidence does.
import { type Client } from '@microsoft/microsoft-graph-client';
import {
  registerEvidence,
  resolveSharedDocument,
  SharePointError,
  versionAddress,
} from '../../connectors/sharepoint';
import type { EvidenceItem } from '../../shared/model';
import { recordOne } from '../../shared/records';
import { sha256Hex, type Register } from '../../shared/register';
import { sharePointDocument } from '../overlay/sharepoint-pages';
import type { SharePointRegisterEvidenceRequest } from './messages';
import { RemedyError } from './remedy';
import type { z } from 'zod';

export const DEMO_SHAREPOINT_HOST = 'harbormutual.sharepoint.com';
const DEMO_VERSION = '1.0';
/** Who registered it, in the event log: the extension on behalf of the signed-in person. */
export const EXTENSION_EVIDENCE_ACTOR = 'aims-extension';

type Request = z.infer<typeof SharePointRegisterEvidenceRequest>;

export interface TenantGraph {
  /** The Graph access token, or undefined when Microsoft 365 is not signed in; throws when renewal fails. */
  token: () => Promise<string | undefined>;
  /** A Graph client whose every request asks `token` again (renewal included). */
  client: (token: () => Promise<string>) => Client;
}

/**
 * Records the page's document as evidence for the given clauses, controls and systems and returns it
 * as stored. Throws an Error with a one-line reason for a page that is not a document, an unknown
 * system, or a Graph failure (SharePointError), and a RemedyError ('open-connections') when a real
 * tenant's document needs a Microsoft 365 sign-in that is missing or expired.
 */
export async function registerPageEvidence(
  register: Register,
  request: Request,
  now: string,
  graph?: TenantGraph,
): Promise<EvidenceItem> {
  const page = new URL(request.url);
  const document = sharePointDocument(page);
  if (!document?.path && !document?.uniqueId) {
    throw new Error('not a document page: open the document itself to register it');
  }
  for (const id of request.systemIds) {
    if (!(await register.get('ai-system', id))) throw new Error(`no AI system '${id}' in the register`);
  }
  const origin = `https://${page.hostname.toLowerCase()}`;
  // The demo's stand-in pin (no bytes read) only while no Microsoft 365 connection exists: once one
  // does, a tenant of the demo's name is a real one, and its evidence needs real bytes and hashes.
  if (page.hostname.toLowerCase() === DEMO_SHAREPOINT_HOST && graph === undefined) {
    if (!document.path) throw new Error('not a document page: open the document itself to register it');
    return registerDemo(register, request, now, origin, document.path, document.site);
  }
  const tenant = await signedIn(graph);
  const client = tenant.client(async () => {
    const current = await tenant.token();
    if (!current) throw new RemedyError(NOT_SIGNED_IN, 'open-connections');
    return current;
  });
  // The file's own address when the page shows it; otherwise (a viewer by GUID) the page's address,
  // which Graph also accepts as a sharing URL.
  const address = document.path ? addressOf(origin, document.path) : request.url;
  try {
    const found = await resolveSharedDocument(client, address);
    // The title is the file's name as Graph gives it (cleaned), not the page's.
    return await registerEvidence({
      client,
      register,
      siteUrl: addressOf(origin, document.site),
      driveId: found.driveId,
      itemId: found.itemId,
      clauses: request.clauses,
      controls: request.controls,
      systemIds: request.systemIds,
      actor: EXTENSION_EVIDENCE_ACTOR,
      now,
    });
  } catch (error) {
    if (error instanceof SharePointError && error.failure === 'unauthorized') {
      throw new RemedyError(`${error.message}: sign in again on the Connections page`, 'open-connections');
    }
    throw error;
  }
}

/**
 * A decoded server-relative path as an address, each segment percent-encoded: `#`, `?` and `%` in a
 * file name stay part of the name (encodeURI would leave `#` to start a fragment).
 */
const addressOf = (origin: string, path: string) =>
  `${origin}${path.split('/').map(encodeURIComponent).join('/')}`;

const NOT_SIGNED_IN =
  'registering a document of this tenant needs a Microsoft 365 sign-in: sign in on the Connections page';

/** The Graph access, once a token is there: checked before any request is sent. */
async function signedIn(graph: TenantGraph | undefined): Promise<TenantGraph> {
  if (!graph) throw new RemedyError(NOT_SIGNED_IN, 'open-connections');
  let token: string | undefined;
  try {
    token = await graph.token();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RemedyError(`${why}: sign in again on the Connections page`, 'open-connections');
  }
  if (!token) throw new RemedyError(NOT_SIGNED_IN, 'open-connections');
  return graph;
}

async function registerDemo(
  register: Register,
  request: Request,
  now: string,
  origin: string,
  path: string,
  site: string,
): Promise<EvidenceItem> {
  const fileUrl = addressOf(origin, path);
  const siteUrl = addressOf(origin, site);
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
      // The current version opens at the file's own address; _vti_history keeps it once superseded.
      url: fileUrl,
      pinnedVersion: DEMO_VERSION,
      contentHash: sha256Hex(`${fileUrl}@${DEMO_VERSION}`),
      capturedAt: now,
      clauses: request.clauses,
      controls: request.controls,
      systemIds: request.systemIds,
      sourceVersion: {
        itemId: `demo-${key}`,
        versionId: DEMO_VERSION,
        webUrl: fileUrl,
        versionUrl: versionAddress(siteUrl, fileUrl, DEMO_VERSION),
      },
    },
    {
      actor: EXTENSION_EVIDENCE_ACTOR,
      cause: 'register as evidence from a SharePoint page',
      today: now.slice(0, 10),
      now,
    },
  );
  return register.require('evidence', id);
}
