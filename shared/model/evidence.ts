// An evidence item an auditor can trace back to the source tool and re-resolve.
import { z } from 'zod';
import { Id, Instant, RecordMeta, RequirementRef } from './base';

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
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;
