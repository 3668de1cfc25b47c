// The pill every overlay uses, styled by BASE_STYLES inside the shadow root. Children are
// rendered as text by React: pass page- or register-derived strings as children, never as HTML.
import type { ReactNode } from 'react';

import type { BadgeTone } from './badge-dom';

export type { BadgeTone } from './badge-dom';

export function OverlayBadge({
  tone,
  label,
  children,
}: {
  tone: BadgeTone;
  label: string;
  children: ReactNode;
}) {
  return (
    <span className="aims-badge" data-tone={tone} role="status" aria-label={label}>
      <strong>AIMS</strong>
      <span>{children}</span>
    </span>
  );
}
