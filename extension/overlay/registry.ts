// Every host's feature list, for the registry test and the docs.
import type { FeatureDefinition, OverlayHost } from './contract';
import { GITHUB_FEATURES } from './github-features';
import { JIRA_FEATURES } from './jira-features';
import { SHAREPOINT_FEATURES } from './sharepoint-features';

export const FEATURES_BY_HOST: Readonly<Record<OverlayHost, readonly FeatureDefinition[]>> = {
  github: GITHUB_FEATURES,
  jira: JIRA_FEATURES,
  sharepoint: SHAREPOINT_FEATURES,
};
