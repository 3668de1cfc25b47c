// The GitHub content script's features, in the order they start. Add each new
// extension/features/github-*.tsx here (the registry test fails otherwise).
import type { FeatureDefinition } from './contract';
import githubPrBadge from '../features/github-pr-badge';
import githubRepoSystems from '../features/github-repo-systems';

export const GITHUB_FEATURES: readonly FeatureDefinition[] = [githubRepoSystems, githubPrBadge];
