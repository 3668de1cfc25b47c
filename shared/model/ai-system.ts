// An AI system in the inventory (clause 4.3 scope; Annex A.4 resources).
import { z } from 'zod';
import { Actor, Day, RecordMeta } from './base';

export const LifecycleStage = z.enum([
  'design',
  'development',
  'verification',
  'deployment',
  'operation',
  'retirement',
]);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

export const DeploymentStatus = z.enum(['experimental', 'internal', 'production', 'retired']);

/** Review state of a system found by a connector: never silently in scope. */
export const InventoryState = z.enum(['discovered-unreviewed', 'confirmed', 'rejected', 'vanished']);

export const Pinning = z.enum(['snapshot', 'version', 'hash', 'floating', 'implicit-default', 'unknown']);

export const ModelComponent = z.object({
  kind: z.literal('model'),
  id: z.string().min(1),
  provider: z.string().optional(),
  pinning: Pinning,
  /** Version fixed apart from the id (an Azure deployment's model version): part of the model's identity. */
  version: z.string().optional(),
  resolvedFrom: z.string().optional(),
  contentHash: z.string().optional(),
});
export const ProviderComponent = z.object({ kind: z.literal('provider'), id: z.string().min(1) });
export const DatasetComponent = z.object({
  kind: z.literal('dataset'),
  id: z.string().min(1),
  source: z.string().optional(),
  sensitivity: z.enum(['public', 'internal', 'confidential', 'personal', 'special-category']).optional(),
  pinnedVersion: z.string().optional(),
});
export const Component = z.discriminatedUnion('kind', [ModelComponent, ProviderComponent, DatasetComponent]);
export type Component = z.infer<typeof Component>;

export const SourceLink = z.object({
  tool: z.enum(['github', 'jira', 'sharepoint', 'local', 'manual']),
  url: z.string().min(1),
  label: z.string().optional(),
  /**
   * For a link AIMS Lens wrote into the tool (a Jira remote link on an epic): the address that link
   * points at, kept so the link can be written again when someone deletes it in the tool.
   */
  target: z.string().min(1).optional(),
});
export type SourceLink = z.infer<typeof SourceLink>;

export const AiSystem = RecordMeta.extend({
  kind: z.literal('ai-system'),
  name: z.string().min(1),
  purpose: z.string().min(1),
  owner: Actor.optional(),
  riskOwner: Actor.optional(),
  lifecycleStage: LifecycleStage,
  deploymentStatus: DeploymentStatus,
  inventoryState: InventoryState,
  inScope: z.boolean(),
  scopeJustification: z.string().optional(),
  components: z.array(Component),
  sources: z.array(SourceLink),
  /** Where discovery found it: the deployable unit's root in its repository. */
  discoveryRoot: z.string().optional(),
  /** Last day a connector still saw this system. */
  lastSeen: Day.optional(),
  tags: z.array(z.string()).default([]),
});
export type AiSystem = z.infer<typeof AiSystem>;
