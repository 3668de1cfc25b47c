// Evidence documents in a SharePoint library: list them, pin a chosen file's current version as
// evidence (clause 7.5.3: documented information kept as it was), and notice newer versions.
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { EvidenceItem } from '../../shared/model';
import { recordOne } from '../../shared/records';
import type { Register } from '../../shared/register';
import { cleanText } from './clean-text';
import { SharePointError, type SharePointFailure } from './errors';
import { graphCall } from './graph-call';
import { resolveSite } from './site';

export const EVIDENCE_ACTOR = 'aims-sharepoint';
/** Files above this size are not downloaded to hash (bytes). */
export const DEFAULT_MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

const Hashes = z
  .object({
    sha256Hash: z.string().nullish(),
    quickXorHash: z.string().nullish(),
    sha1Hash: z.string().nullish(),
    crc32Hash: z.string().nullish(),
  })
  .nullish();
const DriveItemBody = z.object({
  id: z.string().min(1),
  /** `/drives/{id}/root:/Policies/2026`: the folder, when webUrl is a viewer link. */
  parentReference: z.object({ path: z.string().nullish() }).loose().nullish(),
  /** `listItemUniqueId`: the GUID an Office viewer's address names the file by (only when selected). */
  sharepointIds: z.object({ listItemUniqueId: z.string().nullish() }).loose().nullish(),
  /** Cleaned as list text is (clean-text.ts): it becomes the evidence title. */
  name: z.string().transform(cleanText).pipe(z.string().min(1)),
  size: z.number().nullish(),
  webUrl: z.string().min(1),
  lastModifiedDateTime: z.string().nullish(),
  file: z.object({ hashes: Hashes, mimeType: z.string().nullish() }).nullish(),
  folder: z.object({}).loose().nullish(),
});
const ChildrenPage = z.object({
  value: z.array(DriveItemBody),
  '@odata.nextLink': z.string().min(1).optional(),
});
const DrivesBody = z.object({
  value: z.array(z.object({ id: z.string().min(1), name: z.string().nullish() })),
});
const DriveBody = z.object({ webUrl: z.string().min(1) });
const VersionsBody = z.object({
  value: z.array(z.object({ id: z.string().min(1), lastModifiedDateTime: z.string().nullish() })).min(1),
});

export interface ReportedHash {
  algorithm: string;
  value: string;
}

export interface SharePointDocument {
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string;
  /** Bytes. */
  size?: number;
  lastModified?: string;
  reportedHash?: ReportedHash;
}

export interface DocumentLocation {
  /** The document library's name as SharePoint shows it (default 'Documents'). */
  library?: string;
  /** A folder inside it, e.g. 'Policies/2026'; the library root when absent. */
  folder?: string;
}

/** The strongest hash Graph reported for a file: SHA-256 when present, else quickXorHash, SHA-1, CRC32. */
export function reportedHash(hashes: z.infer<typeof Hashes>): ReportedHash | undefined {
  for (const algorithm of ['sha256Hash', 'quickXorHash', 'sha1Hash', 'crc32Hash'] as const) {
    const value = hashes?.[algorithm];
    if (value) return { algorithm, value };
  }
  return undefined;
}

/** Each folder segment encoded on its own; '.', '..' and empty segments are refused. */
export function folderPath(folder: string): string {
  const segments = folder.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || [...s].some((c) => c.charCodeAt(0) < 0x20))) {
    throw new SharePointError('failed', `folder '${folder}' may not contain '.', '..' or control characters`);
  }
  return segments.map(encodeURIComponent).join('/');
}

async function driveId(client: Client, siteId: string, library: string): Promise<string> {
  const drives = await graphCall('GET document libraries', DrivesBody, () =>
    client.api(`/sites/${siteId}/drives`).get(),
  );
  const found = drives.value.find((d) => (d.name ?? '').toLowerCase() === library.toLowerCase());
  if (!found) {
    const names = drives.value.map((d) => d.name).filter(Boolean);
    throw new SharePointError(
      'not-found',
      `no document library '${library}' (the site has: ${names.join(', ') || 'none'})`,
      404,
    );
  }
  return found.id;
}

/** The files (not folders) in a library or folder, following every page. */
export async function listDocuments(
  client: Client,
  siteId: string,
  location: DocumentLocation = {},
): Promise<SharePointDocument[]> {
  const folder = location.folder ? folderPath(location.folder) : '';
  const drive = await driveId(client, siteId, location.library ?? 'Documents');
  let link: string | undefined = folder
    ? `/drives/${drive}/root:/${folder}:/children`
    : `/drives/${drive}/root/children`;
  const out: SharePointDocument[] = [];
  while (link) {
    const current: string = link;
    const page = await graphCall('GET folder children', ChildrenPage, () => client.api(current).get());
    for (const item of page.value) {
      if (!item.file) continue;
      const hash = reportedHash(item.file.hashes);
      out.push({
        driveId: drive,
        itemId: item.id,
        name: item.name,
        webUrl: item.webUrl,
        ...(item.size != null ? { size: item.size } : {}),
        ...(item.lastModifiedDateTime ? { lastModified: item.lastModifiedDateTime } : {}),
        ...(hash ? { reportedHash: hash } : {}),
      });
    }
    link = page['@odata.nextLink'];
  }
  return out;
}

/** '3.0' → 3 × 512 + 0, SharePoint's internal version number; undefined for other labels. */
export function versionNumber(label: string): number | undefined {
  const match = /^(\d{1,6})\.(\d{1,3})$/.exec(label);
  if (!match) return undefined;
  const minor = Number(match[2]);
  return minor < 512 ? Number(match[1]) * 512 + minor : undefined;
}

/**
 * The address of version `versionId` of a file once it is no longer the current one: SharePoint keeps
 * earlier versions under `<site>/_vti_history/<major×512+minor>/<path in the site>` (the current
 * version is served at the file's own address only). Throws when the file is not in the site or the
 * label is not a SharePoint version label.
 */
export function versionAddress(siteWebUrl: string, fileWebUrl: string, versionId: string): string {
  // Both compared and joined with each segment encoded once (Graph may give one encoded, one not).
  const site = (pathAddress(siteWebUrl) ?? siteWebUrl).replace(/\/+$/, '');
  const file = pathAddress(fileWebUrl) ?? fileWebUrl;
  const number = versionNumber(versionId);
  if (number === undefined)
    throw new SharePointError('malformed', `version '${versionId}' is not a SharePoint version label`);
  if (!file.toLowerCase().startsWith(`${site.toLowerCase()}/`)) {
    throw new SharePointError('failed', `${fileWebUrl} is not inside the site ${site}`);
  }
  return `${site}/_vti_history/${number}${file.slice(site.length)}`;
}

/** Path segments decoded (when they are percent-encoded) and encoded again, one by one. */
function encodedSegments(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return encodeURIComponent(segment);
      }
    })
    .join('/');
}

/** `scheme://host/a%20b/c.pdf` with each segment encoded once; undefined for a viewer, sharing or query address. */
function pathAddress(webUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(webUrl);
  } catch {
    return undefined;
  }
  if (url.search || url.hash || /\/_layouts\/|^\/:[a-z]:\//i.test(url.pathname)) return undefined;
  return `${url.protocol}//${url.host}${encodedSegments(url.pathname)}`;
}

/**
 * The file's own address in its site (`<library>/<folders>/<name>`, the address that opens its current
 * version). Graph's `webUrl` is that address for most files, but for Office documents SharePoint gives a
 * viewer link (`…/_layouts/15/Doc.aspx?sourcedoc={guid}&file=…`) instead; then the address is built from
 * the library's `webUrl` (GET /drives/{id}), the folder in `parentReference.path` and the name.
 * Throws 'malformed' when Graph gives neither.
 */
async function fileAddress(
  client: Client,
  drive: string,
  item: z.infer<typeof DriveItemBody>,
): Promise<string> {
  const direct = pathAddress(item.webUrl);
  if (direct) return direct;
  const parent = item.parentReference?.path;
  const colon = parent?.indexOf(':') ?? -1;
  if (!parent || colon < 0) {
    throw new SharePointError(
      'malformed',
      `${item.name}: Graph gave a viewer link and no folder path, so the file's own address is unknown`,
    );
  }
  const library = await graphCall(`GET document library ${drive}`, DriveBody, () =>
    client.api(`/drives/${drive}`).select('webUrl').get(),
  );
  const base = pathAddress(library.webUrl);
  if (!base) throw new SharePointError('malformed', `document library ${drive}: webUrl is not an address`);
  const folders = parent
    .slice(colon + 1)
    .split('/')
    .filter((segment) => segment !== '');
  return [base, ...folders.map((f) => encodedSegments(f)), encodeURIComponent(item.name)].join('/');
}

/** What is read of a drive item; `sharepointIds` comes only when selected. */
const ITEM_FIELDS = 'id,name,size,webUrl,lastModifiedDateTime,file,folder,parentReference,sharepointIds';

async function readItem(client: Client, drive: string, itemId: string) {
  return graphCall(`GET drive item ${itemId}`, DriveItemBody, () =>
    client.api(`/drives/${drive}/items/${itemId}`).select(ITEM_FIELDS).get(),
  );
}

/** `{0A1B…}` → `0a1b…`: a GUID as the overlay reads it from a viewer's address. */
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const uniqueIdOf = (value: string | null | undefined) => GUID.exec(value ?? '')?.[1]?.toLowerCase();

/** The file's newest version (highest version label; Graph lists newest first otherwise). */
async function latestVersion(client: Client, drive: string, itemId: string): Promise<string> {
  return (await keptVersions(client, drive, itemId)).latest;
}

/** The versions SharePoint still keeps of a file (a library's version limit trims the oldest), and the newest. */
async function keptVersions(
  client: Client,
  drive: string,
  itemId: string,
): Promise<{ latest: string; kept: ReadonlySet<string> }> {
  const versions = await graphCall(`GET versions of ${itemId}`, VersionsBody, () =>
    client.api(`/drives/${drive}/items/${itemId}/versions`).get(),
  );
  const numbered = versions.value
    .map((v) => ({ id: v.id, n: versionNumber(v.id) }))
    .filter((v): v is { id: string; n: number } => v.n !== undefined)
    .sort((a, b) => b.n - a.n);
  return {
    latest: numbered[0]?.id ?? versions.value[0]?.id ?? '',
    kept: new Set(versions.value.map((v) => v.id)),
  };
}

interface Pin {
  versionId: string;
  /** The file's own address: it opens the pinned version while that version is the current one. */
  url: string;
  /** `<site>/_vti_history/<n>/<path>`: where the pinned version stays once a newer one exists. */
  versionUrl: string;
  contentHash: string;
  webUrl: string;
  reportedHash?: ReportedHash;
  uniqueId?: string;
  name: string;
}

/** Reads the current version of a file and hashes its bytes (SHA-256, hex). */
async function pinCurrent(
  client: Client,
  siteWebUrl: string,
  drive: string,
  itemId: string,
  maxBytes: number,
): Promise<Pin> {
  const item = await readItem(client, drive, itemId);
  if (!item.file) throw new SharePointError('failed', `${item.name} is a folder, not a file`);
  if ((item.size ?? 0) > maxBytes) {
    throw new SharePointError(
      'too-large',
      `${item.name} is ${item.size} bytes, above the ${maxBytes}-byte limit for evidence`,
    );
  }
  const versionId = await latestVersion(client, drive, itemId);
  // Where it lives is settled before its bytes are fetched: a file that cannot be placed costs no download.
  const address = await fileAddress(client, drive, item);
  const versionUrl = versionAddress(siteWebUrl, address, versionId);
  const bytes = await graphCall(
    `GET content of ${itemId} version ${versionId}`,
    z.instanceof(ArrayBuffer),
    () =>
      client
        .api(`/drives/${drive}/items/${itemId}/versions/${encodeURIComponent(versionId)}/content`)
        .responseType(ResponseType.ARRAYBUFFER)
        .get(),
  );
  if (bytes.byteLength > maxBytes) {
    throw new SharePointError('too-large', `${item.name} is above the ${maxBytes}-byte limit for evidence`);
  }
  const hash = reportedHash(item.file.hashes);
  const uniqueId = uniqueIdOf(item.sharepointIds?.listItemUniqueId);
  return {
    versionId,
    url: address,
    versionUrl,
    contentHash: bytesToHex(sha256(new Uint8Array(bytes))),
    webUrl: address,
    name: item.name,
    ...(hash ? { reportedHash: hash } : {}),
    ...(uniqueId ? { uniqueId } : {}),
  };
}

export interface RegisterEvidenceOptions {
  client: Client;
  register: Register;
  siteUrl: string;
  driveId: string;
  itemId: string;
  /** Clauses like '7.5.3'; checked by the evidence schema. */
  clauses: string[];
  /** Annex A controls like 'A.6.2.7'. */
  controls: string[];
  systemIds: string[];
  /** The person registering it. */
  actor: string;
  /** Current instant, ISO-8601. */
  now: string;
  title?: string;
  maxBytes?: number;
}

const evidenceIdFor = (itemId: string) =>
  `ev-sharepoint-${itemId.replace(/[^A-Za-z0-9._-]/g, '_')}`.slice(0, 120);

/**
 * Registers the file's current version as evidence: drive item id, version id, the hash Graph reports
 * and the SHA-256 of the bytes, with a link that opens that version. Re-registering the same file
 * re-pins it. Throws SharePointError for an unknown system id, RecordInvalidError for a bad clause or control.
 */
export async function registerEvidence(options: RegisterEvidenceOptions): Promise<EvidenceItem> {
  const { client, register } = options;
  for (const systemId of options.systemIds) {
    if (!(await register.get('ai-system', systemId))) {
      throw new SharePointError('failed', `no AI system '${systemId}' in the register`);
    }
  }
  const site = await resolveSite(client, options.siteUrl);
  const pin = await pinCurrent(
    client,
    site.webUrl,
    options.driveId,
    options.itemId,
    options.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES,
  );
  const id = evidenceIdFor(options.itemId);
  await recordOne(
    register,
    'evidence',
    {
      kind: 'evidence',
      id,
      title: options.title ?? pin.name,
      sourceTool: 'sharepoint',
      url: pin.url,
      pinnedVersion: pin.versionId,
      contentHash: pin.contentHash,
      capturedAt: options.now,
      clauses: options.clauses,
      controls: options.controls,
      systemIds: options.systemIds,
      sourceVersion: {
        driveId: options.driveId,
        itemId: options.itemId,
        versionId: pin.versionId,
        webUrl: pin.webUrl,
        versionUrl: pin.versionUrl,
        ...(pin.reportedHash ? { reportedHash: pin.reportedHash } : {}),
        ...(pin.uniqueId ? { uniqueId: pin.uniqueId } : {}),
      },
    },
    {
      actor: options.actor,
      cause: `pinned ${pin.name} version ${pin.versionId} as evidence`,
      today: options.now.slice(0, 10),
      now: options.now,
    },
  );
  return register.require('evidence', id);
}

export type EvidenceFreshness = 'fresh' | 'superseded';

/** Fresh while the pinned version is the latest SharePoint knows of; superseded until a person confirms. */
export const evidenceFreshness = (item: Pick<EvidenceItem, 'supersededBy'>): EvidenceFreshness =>
  item.supersededBy ? 'superseded' : 'fresh';

/** Why one item could not be checked: SharePoint's failure in words, the HTTP status, the one-line message. */
export interface EvidenceCheckProblem {
  /** 'forbidden' (403), 'gone' (410), 'throttled' (429 after every retry), 'unavailable' (5xx), 'timeout', 'unreachable', 'malformed', … */
  failure: SharePointFailure;
  /** HTTP status of the last answer; -1 when none came (timeout, unreachable). */
  status: number;
  /** Names the request, never headers or the token. */
  message: string;
}

export interface EvidenceCheck {
  id: string;
  /** 'unchecked': SharePoint did not say (see `problem`); the record is left as it was. */
  state: EvidenceFreshness | 'missing' | 'unchecked';
  problem?: EvidenceCheckProblem;
  pinnedVersion: string;
  latestVersion?: string;
  /**
   * False when SharePoint no longer keeps the pinned version (trimmed by the library's version limit or
   * deleted from its history): its link opens nothing; the register still holds its SHA-256.
   */
  pinnedKept?: boolean;
}

/**
 * Graph refused the token (401: expired, revoked or for another tenant) while checking evidence: every
 * later request would be refused too, so the check stopped there. Carries what was found before it.
 */
export class EvidenceCheckStopped extends SharePointError {
  constructor(
    cause: SharePointError,
    /** The evidence item whose request was refused. */
    readonly evidenceId: string,
    /** The items checked before the refusal, in register order (their marks are in the register). */
    readonly checks: readonly EvidenceCheck[],
    /** Items not checked: the refused one and every one after it. */
    readonly notChecked: number,
  ) {
    super(cause.failure, cause.message, cause.status);
    this.name = 'EvidenceCheckStopped';
  }
}

/**
 * Looks up every SharePoint evidence item's file and marks it superseded when a newer version exists
 * (written by EVIDENCE_ACTOR, one event per item, so marks made before a later failure stay). A file that
 * is gone (404) is reported as 'missing' and the record kept. Any other SharePoint failure on one item
 * (403, 410, 429 or 5xx after the client's retries, timeout, no response, a body of the wrong shape) is
 * that item's outcome, 'unchecked' with the failure, and the check goes on with the rest — except a 401:
 * the token is refused for every item alike, so the check stops at once, asking Graph nothing more.
 * Returns one check per SharePoint evidence item, in register order. Throws EvidenceCheckStopped on a
 * 401 (with the checks made before it), and what is not SharePoint's answer (the register refusing a write).
 */
export async function checkEvidence(options: {
  client: Client;
  register: Register;
  now: string;
}): Promise<EvidenceCheck[]> {
  const { client, register } = options;
  const items = (await register.list('evidence')).filter(
    (e) => e.sourceTool === 'sharepoint' && e.sourceVersion?.driveId,
  );
  const out: EvidenceCheck[] = [];
  for (const [index, item] of items.entries()) {
    const source = item.sourceVersion;
    if (!source?.driveId) continue;
    let latest: string;
    let kept: ReadonlySet<string>;
    let hash: ReportedHash | undefined;
    try {
      const file = await readItem(client, source.driveId, source.itemId);
      hash = reportedHash(file.file?.hashes);
      ({ latest, kept } = await keptVersions(client, source.driveId, source.itemId));
    } catch (error) {
      if (!(error instanceof SharePointError)) throw error;
      if (error.failure === 'unauthorized')
        throw new EvidenceCheckStopped(error, item.id, out, items.length - index);
      out.push(
        error.failure === 'not-found'
          ? { id: item.id, state: 'missing', pinnedVersion: item.pinnedVersion }
          : {
              id: item.id,
              state: 'unchecked',
              pinnedVersion: item.pinnedVersion,
              problem: { failure: error.failure, status: error.status, message: error.message },
            },
      );
      continue;
    }
    if (latest !== item.pinnedVersion && item.supersededBy?.versionId !== latest) {
      await register.transact({ actor: EVIDENCE_ACTOR, cause: 'sharepoint-evidence-check' }, (tx) =>
        tx.put(
          'evidence',
          {
            ...item,
            // The file's own address now opens the newer version: link to where the pinned one stays.
            url: source.versionUrl ?? item.url,
            supersededBy: {
              versionId: latest,
              detectedAt: options.now,
              ...(hash ? { reportedHash: hash } : {}),
            },
          },
          {
            action: 'transition',
            summary: `${item.id}: version ${latest} supersedes pinned ${item.pinnedVersion}`,
          },
        ),
      );
      out.push({
        id: item.id,
        state: 'superseded',
        pinnedVersion: item.pinnedVersion,
        latestVersion: latest,
        ...(kept.has(item.pinnedVersion) ? {} : { pinnedKept: false }),
      });
      continue;
    }
    out.push({
      id: item.id,
      state: latest === item.pinnedVersion ? 'fresh' : 'superseded',
      pinnedVersion: item.pinnedVersion,
      latestVersion: latest,
      ...(kept.has(item.pinnedVersion) ? {} : { pinnedKept: false }),
    });
  }
  return out;
}

const HISTORY = /\/_vti_history\/\d+\/.*$/;

/** The site a pinned version's address lives under (`<site>/_vti_history/<n>/…`). */
function siteOf(item: EvidenceItem): string {
  const history = [item.sourceVersion?.versionUrl, item.url].find((u) => u !== undefined && HISTORY.test(u));
  if (!history)
    throw new SharePointError('failed', `${item.id} records no version address to find its site by`);
  return history.replace(HISTORY, '');
}

/**
 * A person confirms superseded evidence: it is re-pinned to the latest version (new bytes hashed, new
 * link), and the superseded mark is cleared. Throws when the item is not SharePoint evidence.
 */
export async function confirmEvidence(options: {
  client: Client;
  register: Register;
  id: string;
  actor: string;
  now: string;
  maxBytes?: number;
}): Promise<EvidenceItem> {
  const { client, register } = options;
  const item = await register.require('evidence', options.id);
  const source = item.sourceVersion;
  if (item.sourceTool !== 'sharepoint' || !source?.driveId || !source.webUrl) {
    throw new SharePointError('failed', `${item.id} is not SharePoint evidence pinned to a drive item`);
  }
  const siteWebUrl = siteOf(item);
  const pin = await pinCurrent(
    client,
    siteWebUrl,
    source.driveId,
    source.itemId,
    options.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES,
  );
  const { supersededBy: _dropped, ...rest } = item;
  await recordOne(
    register,
    'evidence',
    {
      ...rest,
      url: pin.url,
      pinnedVersion: pin.versionId,
      contentHash: pin.contentHash,
      capturedAt: options.now,
      sourceVersion: {
        driveId: source.driveId,
        itemId: source.itemId,
        versionId: pin.versionId,
        webUrl: pin.webUrl,
        versionUrl: pin.versionUrl,
        ...(pin.reportedHash ? { reportedHash: pin.reportedHash } : {}),
        ...(pin.uniqueId ? { uniqueId: pin.uniqueId } : {}),
      },
    },
    {
      actor: options.actor,
      cause: `${item.id}: confirmed, now pinned to version ${pin.versionId}`,
      today: options.now.slice(0, 10),
      now: options.now,
    },
  );
  return register.require('evidence', item.id);
}
