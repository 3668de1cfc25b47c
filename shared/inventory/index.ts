// The inventory's public face (clause 4.3, A.4): one identity for discovered systems, one pure merge
// plan, one apply step. Every connector — local scan, GitHub, Jira, SharePoint — goes through these.
export {
  CandidateSource,
  JiraIssueSource,
  RepositorySource,
  SharePointItemSource,
  SystemCandidate,
  type RepositoryRef,
} from './candidate';
export { candidatesFromReport, repoRoot, sourceTool } from './source';
export { identifySystem } from './identity';
export {
  DISCOVERY_LABEL,
  mergeConcerns,
  planInventory,
  sourceEvidenceIds,
  type DiscoveryScope,
  type EvidenceFile,
  type InventoryContext,
  type InventoryOnFile,
  type KnownEvidence,
  type InventoryPlan,
  type PlannedChange,
} from './plan';
export {
  applyInventoryPlan,
  applyTriggers,
  writePlanChanges,
  type ApplyContext,
  type InventoryWriter,
} from './apply';
export { registerSystemFor, triggerDrafts, type TriggerRecordContext } from './trigger-drafts';
