// The overlay feature contract. A feature is one file, extension/features/<feature-id>.tsx, whose
// default export is a FeatureDefinition; the content script of its host runs it on matching pages.
// No schema library here: every content script loads this file, and each must stay small.

/** The tools overlays run in; each has one content script. */
export const OVERLAY_HOSTS = ['github', 'jira', 'sharepoint'] as const;
export type OverlayHost = (typeof OVERLAY_HOSTS)[number];

/** Decides from the address alone whether a page is of a kind (github-url-detection's shape). */
export type UrlPredicate = (url: URL) => boolean;

/** What a running feature is handed besides its AbortSignal. */
export interface FeaturePage {
  /** The running feature's id, for its overlays' `featureId`. */
  featureId: string;
  /** The address the feature was started for. */
  url: URL;
  /** The page's document (the content script's view of it). */
  document: Document;
}

export interface FeatureDefinition {
  /** Equal to the file name without extension; also the `data-aims-overlay` value of its host element. */
  id: string;
  host: OverlayHost;
  /** One line: what the feature shows or does. docs/overlays.md lists the same line. */
  description: string;
  /** The feature runs when any of these match (and none of `exclude`). At least one. */
  include: readonly UrlPredicate[];
  exclude?: readonly UrlPredicate[];
  /** Addresses where it must run; the registry test checks `include`/`exclude` accept each one. */
  testUrls: readonly string[];
  /**
   * Starts the feature. Called without being awaited; a throw or rejection is reported and
   * contained. Every listener, observer and mount takes `signal`: aborting it (on in-page
   * navigation or when the extension reloads) removes everything the feature added.
   */
  init: (signal: AbortSignal, page: FeaturePage) => void | Promise<void>;
}

const FEATURE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declares a feature. Checks the definition's own shape at load time (id is kebab-case and
 * prefixed with its host, at least one include predicate and one test URL) and throws a
 * TypeError naming the feature otherwise, so a malformed feature fails the registry test.
 */
export function defineFeature(definition: FeatureDefinition): FeatureDefinition {
  const { id, host } = definition;
  if (!FEATURE_ID.test(id)) throw new TypeError(`feature id "${id}" must be kebab-case`);
  if (!id.startsWith(`${host}-`)) throw new TypeError(`feature "${id}" must start with its host "${host}-"`);
  if (definition.include.length === 0) throw new TypeError(`feature "${id}" has no include predicate`);
  if (definition.testUrls.length === 0) throw new TypeError(`feature "${id}" has no test URL`);
  if (definition.description.trim() === '') throw new TypeError(`feature "${id}" has no description`);
  return Object.freeze({ ...definition });
}

/**
 * True when the feature should run at `url`: an include matches and no exclude does. A predicate
 * that throws counts against running (an include as false, an exclude as true).
 */
export function appliesTo(feature: FeatureDefinition, url: URL): boolean {
  const holds = (predicate: UrlPredicate, onError: boolean) => {
    try {
      return predicate(url);
    } catch {
      return onError;
    }
  };
  return feature.include.some((p) => holds(p, false)) && !(feature.exclude ?? []).some((p) => holds(p, true));
}
