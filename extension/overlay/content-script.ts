// The body of every host's content script: run that host's features now and after each in-page
// navigation, and stop them all when the extension reloads.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FeatureDefinition } from './contract';
import { createFeatureSession, type FeatureSession } from './feature-manager';

/**
 * The global under which the content-script world keeps a read-only view of its session (`running`,
 * `settled`). Browser tests read it through the DevTools protocol before asserting that an overlay is
 * absent. Content scripts run in an isolated world: the page's own scripts never see it.
 */
export const OVERLAY_SESSION_GLOBAL = 'aimsLensOverlays';

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
  // Configurable: a content script injected again after an extension update may define it anew.
  Object.defineProperty(globalThis, OVERLAY_SESSION_GLOBAL, {
    value: Object.freeze({ running: session.running, settled: session.settled }),
    configurable: true,
  });
  return session;
}
