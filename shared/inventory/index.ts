// The inventory's public face (clause 4.3, A.4): one identity for discovered systems, one pure merge
// plan, one apply step. Every connector — local scan, GitHub, Jira, SharePoint — goes through these.
export {
  CandidateSource,
  JiraIssueSource,
  RepositorySource,
  SharePointItemSource,
  SystemCandidate,
  candidatesFromReport,
  type RepositoryRef,
  repoRoot,
  sourceTool,
} from './candidate';
export { identifySystem } from './identity';
export {
  DISCOVERY_LABEL,
  planInventory,
  sourceEvidenceIds,
  type DiscoveryScope,
  type EvidenceFile,
  type InventoryContext,
  type InventoryPlan,
  type PlannedChange,
} from './plan';
export { applyInventoryPlan, applyTriggers, type ApplyContext, type InventoryWriter } from './apply';
export { registerSystemFor, triggerDrafts, type TriggerRecordContext } from './trigger-drafts';
