// Clause 7.5: documented information — identified, versioned, reviewed, approved.
import { z } from 'zod';
import { Approval, Day, RecordMeta, RequirementRef } from './base';
import { SourceLink } from './ai-system';

export const DocumentType = z.enum([
  'scope',
  'ai-policy',
  'risk-methodology',
  'impact-methodology',
  'procedure',
  'template',
  'objectives',
  'competence-record',
  /** The Statement of Applicability as a versioned, approved document (6.1.3 d). */
  'soa',
  'other',
]);
export type DocumentType = z.infer<typeof DocumentType>;

export const DocumentedInformation = RecordMeta.extend({
  kind: z.literal('document'),
  docType: DocumentType,
  title: z.string().min(1),
  version: z.string().min(1),
  clauses: z.array(RequirementRef),
  approval: Approval,
  owner: z.string().optional(),
  nextReview: Day.optional(),
  location: SourceLink.optional(),
  contentHash: z.string().optional(),
});
export type DocumentedInformation = z.infer<typeof DocumentedInformation>;
