// The SharePoint content script's features, in the order they start. Add each new
// extension/features/sharepoint-*.tsx here (the registry test fails otherwise).
import sharePointEvidence from '../features/sharepoint-evidence';
import type { FeatureDefinition } from './contract';

export const SHAREPOINT_FEATURES: readonly FeatureDefinition[] = [sharePointEvidence];
