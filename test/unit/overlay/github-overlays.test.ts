// The GitHub overlays' words and the plain-DOM builder they render with: hostile text stays text,
// an event-handler attribute cannot be set, the badge names the risk level and the worst assessment
// state, the banner names the change, the repository badge gives systems, last scan, open triggers.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { OverlayStatus } from '../../../extension/background/overlay-protocol';
import { badgeSummary, changeName } from '../../../extension/features/github-pr-badge';
import { inventorySummary } from '../../../extension/features/github-repo-systems';
import { badgeElement } from '../../../extension/overlay/badge-dom';
import { el, replaceChildren } from '../../../extension/overlay/dom';

const HOSTILE = '<img src=x onerror=alert(1)>';

type System = OverlayStatus['systems'][number];
const system = (over: Partial<System> = {}): System => ({
  id: 'sys-a',
  name: 'Customer support assistant',
  lifecycleStage: 'operation',
  inScope: true,
  inventoryState: 'confirmed',
  riskLevel: 'high',
  risk: 'current',
  impact: 'current',
  ...over,
});

describe('plain-DOM overlays', () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');

  it('turns every string into text, never markup', () => {
    const node = el(document, 'p', { title: HOSTILE }, HOSTILE, el(document, 'em', {}, HOSTILE));
    expect(node.querySelector('img')).toBeNull();
    expect(node.textContent).toBe(HOSTILE + HOSTILE);
    expect(node.getAttribute('title')).toBe(HOSTILE);
    replaceChildren(node, HOSTILE);
    expect(node.childNodes.length).toBe(1);
    expect(node.querySelector('img')).toBeNull();
    const badge = badgeElement(document, 'warn', HOSTILE, HOSTILE);
    expect(badge.querySelector('img')).toBeNull();
    expect(badge.textContent).toBe(`AIMS${HOSTILE}`);
  });

  it('refuses event-handler attributes', () => {
    expect(() => el(document, 'span', { onclick: 'alert(1)' })).toThrow(TypeError);
    expect(() => el(document, 'span', { ONERROR: 'alert(1)' })).toThrow(TypeError);
  });
});

describe('the pull-request badge', () => {
  it('names one system with its risk level and both assessment states', () => {
    expect(badgeSummary([system({ risk: 'overdue', impact: 'due' })])).toMatchObject({
      tone: 'alert',
      text: 'Customer support assistant · risk high · risk assessment overdue · impact assessment due',
    });
    expect(badgeSummary([system()]).tone).toBe('ok');
  });

  it('summarises several systems by their levels and the worst state of each assessment', () => {
    const summary = badgeSummary([
      system({ id: 'a', riskLevel: 'high', risk: 'current', impact: 'due' }),
      system({ id: 'b', name: 'Claims triage', riskLevel: undefined, risk: 'missing', impact: 'current' }),
    ]);
    expect(summary.text).toBe(
      '2 AI systems · risk high, not assessed · risk assessment missing · impact assessment due',
    );
    expect(summary.tone).toBe('warn');
    expect(summary.detail.split('\n')).toHaveLength(2);
  });

  it('says so when the repository has no registered system', () => {
    expect(badgeSummary([])).toMatchObject({ tone: 'neutral', text: expect.stringMatching(/no AI system/) });
  });

  it('names a change by its two sides', () => {
    expect(changeName({ before: 'gpt-4o', after: 'gpt-4.1', detail: 'x' })).toBe('gpt-4o → gpt-4.1');
    expect(changeName({ after: 'claude-3-5-sonnet', detail: 'x' })).toBe('claude-3-5-sonnet added');
    expect(changeName({ before: 'gpt-4o', detail: 'x' })).toBe('gpt-4o removed');
    expect(changeName({ detail: 'a system appeared' })).toBe('a system appeared');
  });
});

describe('the repository badge', () => {
  const status = (systems: System[], triggers = 0): OverlayStatus => ({
    systems,
    openTriggers: Array.from({ length: triggers }, (_, i) => ({
      id: `t${i}`,
      systemId: 'sys-a',
      type: 'model-changed',
      detail: '',
      raisedOn: '2026-11-01',
      clauses: ['8.2'],
      sourceRef: 'o/r#1',
    })),
    evidence: [],
  });

  it('gives systems found, the last scan and the open triggers', () => {
    expect(
      inventorySummary(
        status([system({ lastSeen: '2026-11-20' }), system({ id: 'b', lastSeen: '2026-11-27' })], 2),
      ),
    ).toEqual({ tone: 'warn', text: '2 AI systems · last scan 2026-11-27 · 2 open triggers' });
    expect(inventorySummary(status([system()]))).toEqual({
      tone: 'ok',
      text: '1 AI system · not scanned yet · no open trigger',
    });
  });
});
