// The host element every overlay lives in: `<aims-lens-overlay data-aims-overlay="<feature-id>">`
// with a shadow root, placed by an anchor or floating in a corner dock when the anchor is missing.
// Free of any UI library, so the content scripts, which render plain DOM (dom.ts), stay small.
import { observe } from './observe';

export type MountPosition = 'before' | 'after' | 'prepend' | 'append';

export interface MountOptions {
  /** The feature's id; the host element carries it as `data-aims-overlay`. */
  featureId: string;
  /** Removes the overlay when aborted: pass the feature's signal. */
  signal: AbortSignal;
  /** The page element to attach to. Missing (null/undefined/detached): a floating badge instead. */
  anchor?: Element | null;
  /** Where, relative to the anchor. Default 'after'. */
  position?: MountPosition;
  /** Tells apart several overlays of one feature on a page (e.g. one per file row). */
  key?: string;
  /** Extra CSS for inside the shadow root. */
  styles?: string;
  /** The page's document; the content script's `document` by default. */
  document?: Document;
}

export interface MountedOverlay {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** True when the anchor was missing and the overlay floats in the corner dock. */
  floating: boolean;
}

/**
 * Fills `container` (a div inside the shadow root) and returns how to take it down again, if
 * anything needs more than removing the host (a React root's unmount).
 */
export type Render = (container: HTMLElement) => (() => void) | void;

const HOST_TAG = 'aims-lens-overlay';
/** How to take down each mounted host, so a replaced overlay's content is torn down too. */
const unmounters = new WeakMap<Element, () => void>();
const DOCK_ID = 'aims-lens-overlay-dock';

/** Resets inherited page styles at the shadow boundary and styles the shared badge look. */
export const BASE_STYLES = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 4px;
  font: 12px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color-scheme: light dark; }
:host([data-aims-floating]) { display: block; margin: 0; }
.aims-badge { display: inline-flex; gap: 6px; align-items: center; padding: 1px 8px; border-radius: 999px;
  border: 1px solid #8c959f; background: Canvas; color: CanvasText; white-space: nowrap; }
.aims-badge[data-tone="ok"] { border-color: #1a7f37; }
.aims-badge[data-tone="warn"] { border-color: #9a6700; }
.aims-badge[data-tone="alert"] { border-color: #cf222e; }
`;

function dockOf(doc: Document): HTMLElement {
  const existing = doc.getElementById(DOCK_ID);
  if (existing) return existing;
  const dock = doc.createElement(HOST_TAG);
  dock.id = DOCK_ID;
  dock.setAttribute(
    'style',
    'all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; ' +
      'display: flex; flex-direction: column; align-items: flex-end; gap: 6px; max-width: min(480px, 90vw);',
  );
  (doc.body ?? doc.documentElement).append(dock);
  return dock;
}

function place(host: HTMLElement, anchor: Element, position: MountPosition): void {
  if (position === 'before') anchor.before(host);
  else if (position === 'after') anchor.after(host);
  else if (position === 'prepend') anchor.prepend(host);
  else anchor.append(host);
}

function selectorFor(featureId: string, key: string): string {
  return `${HOST_TAG}[data-aims-overlay="${CSS.escape(featureId)}"][data-aims-key="${CSS.escape(key)}"]`;
}

/**
 * Mounts what `render` puts in a fresh shadow root on a host element next to `anchor`, replacing an
 * earlier mount with the same feature id and key. When `anchor` is missing or no longer in the
 * document, the host goes into a fixed dock in the bottom-right corner instead.
 */
export function mountHost(render: Render, options: MountOptions): MountedOverlay {
  const doc = options.document ?? document;
  const key = options.key ?? 'default';
  for (const old of doc.querySelectorAll(selectorFor(options.featureId, key))) {
    const unmountOld = unmounters.get(old);
    if (unmountOld) unmountOld();
    else old.remove();
  }

  const host = doc.createElement(HOST_TAG);
  host.dataset.aimsOverlay = options.featureId;
  host.dataset.aimsKey = key;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = BASE_STYLES + (options.styles ?? '');
  const container = doc.createElement('div');
  shadow.append(style, container);

  const anchor = options.anchor;
  const floating = !anchor || !anchor.isConnected;
  if (floating) {
    host.dataset.aimsFloating = '';
    dockOf(doc).append(host);
  } else {
    place(host, anchor, options.position ?? 'after');
  }

  const teardown = render(container);

  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    unmounters.delete(host);
    if (teardown) teardown();
    const dock = host.parentElement;
    host.remove();
    if (dock?.id === DOCK_ID && dock.childElementCount === 0) dock.remove();
  };
  unmounters.set(host, unmount);
  if (options.signal.aborted) unmount();
  else options.signal.addEventListener('abort', unmount, { once: true });
  return { host, shadow, floating };
}

/**
 * Shows what `render` draws next to the first element matching `anchorSelector`. Until that element
 * exists (it may never: the page changed, or the user lacks access) the same content floats in the
 * dock; when the anchor appears, the overlay moves there (rendered afresh).
 */
export function mountHostNear(
  anchorSelector: string,
  render: Render,
  options: Omit<MountOptions, 'anchor'>,
): void {
  const doc = options.document ?? document;
  const found = new AbortController();
  options.signal.addEventListener('abort', () => found.abort(), { once: true });
  if (!doc.querySelector(anchorSelector)) mountHost(render, { ...options, anchor: null });
  observe(
    anchorSelector,
    (anchor) => {
      found.abort();
      mountHost(render, { ...options, anchor });
    },
    { signal: found.signal, document: doc },
  );
}
