// DOM observation without polling: a CSS rule starts a 1 ms animation on every element that
// matches the selector, and `animationstart` tells us when one appears, including elements a
// single-page app inserts later (the technique refined-github's selector observer uses).

let observers = 0;

export interface ObserveOptions {
  signal: AbortSignal;
  /** The document to watch; the content script's `document` by default. */
  document?: Document;
}

/**
 * Calls `found` once for each element matching `selector`: those present now and those added
 * later, until `signal` aborts. Throws a SyntaxError for an invalid selector (a programming error).
 * Errors thrown by `found` are rethrown asynchronously, so one element never stops the others.
 */
export function observe(selector: string, found: (element: Element) => void, options: ObserveOptions): void {
  const doc = options.document ?? document;
  const { signal } = options;
  doc.querySelector(selector); // throws on an invalid selector before anything is injected
  if (signal.aborted) return;

  const name = `aims-lens-seen-${++observers}`;
  const seen = new WeakSet<Element>();
  const deliver = (element: Element) => {
    if (seen.has(element) || signal.aborted) return;
    seen.add(element);
    try {
      found(element);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const style = doc.createElement('style');
  style.textContent = `@keyframes ${name} {} :where(${selector}) { animation: 1ms ${name}; }`;
  (doc.head ?? doc.documentElement).append(style);
  doc.addEventListener(
    'animationstart',
    (event) => {
      if (event.animationName === name && event.target instanceof Element) deliver(event.target);
    },
    { capture: true, signal },
  );
  signal.addEventListener('abort', () => style.remove(), { once: true });

  // Elements already present are delivered now, even where the page's own CSS overrides `animation`.
  for (const element of doc.querySelectorAll(selector)) deliver(element);
}

/** Resolves with the first element matching `selector`, or undefined when `signal` aborts first. */
export function waitForElement(selector: string, options: ObserveOptions): Promise<Element | undefined> {
  return new Promise((resolve) => {
    const controller = new AbortController();
    const stop = () => {
      controller.abort();
      resolve(undefined);
    };
    if (options.signal.aborted) return stop();
    options.signal.addEventListener('abort', stop, { once: true, signal: controller.signal });
    observe(
      selector,
      (element) => {
        controller.abort();
        resolve(element);
      },
      { ...options, signal: controller.signal },
    );
  });
}
