// Runs a host's features on the current page and again after every in-page navigation. Each
// feature gets its own AbortController and is started without being awaited, so a feature that
// throws, rejects or hangs never stops another one or the page.
import { appliesTo, type FeatureDefinition, type FeaturePage } from './contract';

/** Called with the feature id and what it threw; the content script logs it. */
export type FeatureErrorReport = (featureId: string, error: unknown) => void;

export interface FeatureSessionOptions {
  features: readonly FeatureDefinition[];
  document: Document;
  /** Aborted when the content script is invalidated (extension reload or update). */
  signal: AbortSignal;
  report: FeatureErrorReport;
}

export interface FeatureSession {
  /** Stops what runs and starts the features that apply to `url`. */
  run(url: URL): void;
  /**
   * A navigation happened. A new address re-runs; the same address re-runs only when the page
   * content was replaced (`turbo:render`), since the features' elements went with it.
   */
  navigate(url: URL, contentReplaced: boolean): void;
  /** Stops every running feature (e.g. on `turbo:visit`, before the page is swapped). */
  unload(): void;
  /** Ids of the features started for the current address, in registry order. */
  running(): string[];
  /**
   * Resolves once every feature started for the current address has finished its `init` (returned,
   * resolved or failed), with that address and `running()`'s ids. A navigation while waiting starts the
   * wait again for the new address; features it aborted are not waited for (their requests may never
   * answer). What a browser test waits on before asserting that an overlay is absent.
   */
  settled(): Promise<{ href: string | undefined; ids: string[] }>;
}

export function createFeatureSession(options: FeatureSessionOptions): FeatureSession {
  const { features, document, signal, report } = options;
  let controllers: { id: string; controller: AbortController }[] = [];
  let inits: Promise<void>[] = [];
  let current: string | undefined;
  // Resolved, and replaced, whenever the running features are stopped: a settled() waiting on them
  // starts again rather than wait for features that no longer count.
  let stop = () => {};
  let stopped = new Promise<void>((resolve) => (stop = resolve));

  const unload = () => {
    for (const { controller } of controllers) controller.abort();
    controllers = [];
    inits = [];
    stop();
    stopped = new Promise<void>((resolve) => (stop = resolve));
  };
  signal.addEventListener('abort', unload, { once: true });

  const start = (feature: FeatureDefinition, page: FeaturePage) => {
    const controller = new AbortController();
    controllers.push({ id: feature.id, controller });
    // A microtask boundary turns a synchronous throw into a rejection, caught like any other.
    const init = Promise.resolve()
      .then(() => feature.init(controller.signal, page))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) report(feature.id, error);
      });
    inits.push(init);
  };

  const run = (url: URL) => {
    unload();
    current = url.href;
    if (signal.aborted) return;
    for (const feature of features) {
      if (appliesTo(feature, url)) start(feature, { featureId: feature.id, url, document });
    }
  };

  return {
    run,
    navigate(url, contentReplaced) {
      if (url.href === current && !contentReplaced) return;
      run(url);
    },
    unload,
    running: () => controllers.map(({ id }) => id),
    async settled() {
      for (;;) {
        const waiting = inits;
        await Promise.race([Promise.all(waiting), stopped]);
        if (waiting === inits) return { href: current, ids: controllers.map(({ id }) => id) };
      }
    },
  };
}
