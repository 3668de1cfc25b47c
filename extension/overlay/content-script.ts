// The body of every host's content script: run that host's features now and after each in-page
// navigation, and stop them all when the extension reloads.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FeatureDefinition } from './contract';
import { createFeatureSession, type FeatureSession } from './feature-manager';

/** Logs a failed feature on the page's console as a warning that names it; never rethrows. */
export function reportFeatureError(featureId: string, error: unknown): void {
  console.warn(`AIMS Lens: the "${featureId}" overlay failed`, error);
}

export function startOverlays(
  ctx: ContentScriptContext,
  features: readonly FeatureDefinition[],
): FeatureSession {
  const session = createFeatureSession({
    features,
    document,
    signal: ctx.signal,
    report: reportFeatureError,
  });
  const here = () => new URL(location.href);
  // History-API navigation (GitHub's React views, Jira, SharePoint); WXT watches the address.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => session.navigate(event.newUrl, false));
  // Turbo (GitHub's classic views): the body is replaced, so features restart even at the same address.
  ctx.addEventListener(document, 'turbo:render', () => session.navigate(here(), true));
  ctx.addEventListener(document, 'turbo:visit', () => session.unload());
  ctx.addEventListener(window, 'popstate', () => session.navigate(here(), false));
  session.run(here());
  return session;
}
