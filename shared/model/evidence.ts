// An evidence item an auditor can trace back to the source tool and re-resolve.
import { z } from 'zod';
import { Id, Instant, RecordMeta, RequirementRef } from './base';

/** A hash as the source service reports it, e.g. SharePoint's quickXorHash (base64). */
export const ReportedHash = z.object({ algorithm: z.string().min(1), value: z.string().min(1) });

/** Where a pinned document version lives in its service: enough to re-read exactly that version. */
export const SourceVersion = z.object({
  /** SharePoint / OneDrive drive id (the document library). */
  driveId: z.string().min(1).optional(),
  /** The file's id in its service (a driveItem id). */
  itemId: z.string().min(1),
  /** The version pinned, as the service names it (e.g. '3.0'). */
  versionId: z.string().min(1),
  /** The file's own address (latest version), to recognise it on its pages. */
  webUrl: z.string().min(1).optional(),
  /**
   * Where this version stays once a newer one exists (SharePoint: `<site>/_vti_history/<n>/<path>`;
   * SharePoint serves only earlier versions there, never the current one).
   */
  versionUrl: z.string().min(1).optional(),
  reportedHash: ReportedHash.optional(),
  /** SharePoint's unique id of the file, lower case, no braces: the GUID an Office viewer's `sourcedoc=` names. */
  uniqueId: z.string().min(1).optional(),
});
export type SourceVersion = z.infer<typeof SourceVersion>;

export const EvidenceItem = RecordMeta.extend({
  kind: z.literal('evidence'),
  title: z.string().min(1),
  sourceTool: z.enum(['github', 'jira', 'sharepoint', 'local', 'manual', 'aims']),
  url: z.string().min(1),
  /** The exact version: a commit SHA, a Jira changelog id, a driveItem version. */
  pinnedVersion: z.string().min(1),
  /** SHA-256 of the captured content, hex. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  capturedAt: Instant,
  clauses: z.array(RequirementRef),
  controls: z.array(RequirementRef),
  systemIds: z.array(Id),
  /** Days the item stays fresh before it needs re-capture. */
  freshForDays: z.number().int().positive().optional(),
  /** For a document in a versioned store: the exact version pinned. */
  sourceVersion: SourceVersion.optional(),
  /** Set when the source has a newer version than the one pinned; cleared when a person confirms. */
  supersededBy: z
    .object({ versionId: z.string().min(1), detectedAt: Instant, reportedHash: ReportedHash.optional() })
    .optional(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;
