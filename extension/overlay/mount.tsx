// Puts a feature's React UI on the host page inside a shadow root (see mount-host.ts for the host
// element, the dock and the anchor), so page CSS cannot restyle it and its CSS cannot leak into the
// page. Page-derived text must reach it as React children or props (rendered as text), never as HTML.
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { mountHost, mountHostNear, type MountedOverlay, type MountOptions, type Render } from './mount-host';

export { BASE_STYLES, type MountedOverlay, type MountOptions, type MountPosition } from './mount-host';

const reactRender =
  (content: ReactNode): Render =>
  (container) => {
    const root = createRoot(container);
    root.render(content);
    return () => root.unmount();
  };

/** mountHost with React content. */
export function mountOverlay(content: ReactNode, options: MountOptions): MountedOverlay {
  return mountHost(reactRender(content), options);
}

/** mountHostNear with React content. */
export function mountNear(
  anchorSelector: string,
  content: ReactNode,
  options: Omit<MountOptions, 'anchor'>,
): void {
  mountHostNear(anchorSelector, reactRender(content), options);
}
