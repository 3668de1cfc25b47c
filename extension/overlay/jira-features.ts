// The Jira content script's features, in the order they start. Add each new
// extension/features/jira-*.tsx here (the registry test fails otherwise).
import type { FeatureDefinition } from './contract';
import jiraIssueAssessment from '../features/jira-issue-assessment';

export const JIRA_FEATURES: readonly FeatureDefinition[] = [jiraIssueAssessment];
