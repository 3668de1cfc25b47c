// The pill every overlay uses (styled by BASE_STYLES), as plain DOM. `text` is always text.
import { el } from './dom';

export type BadgeTone = 'ok' | 'warn' | 'alert' | 'neutral';

export function badgeElement(doc: Document, tone: BadgeTone, label: string, text: string): HTMLSpanElement {
  return el(
    doc,
    'span',
    { class: 'aims-badge', 'data-tone': tone, role: 'status', 'aria-label': label },
    el(doc, 'strong', {}, 'AIMS'),
    el(doc, 'span', {}, text),
  );
}
