// Dashboard views with nothing to list: a sentence, never a table header over no rows ("Stage 1: ready"
// followed by the empty header of its gap table read as a failed load). Views are rendered to markup as
// React renders them, on an empty register and on the demo organisation.
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import {
  AuditView,
  CalendarView,
  ReadinessView,
  ReviewView,
  SoaView,
} from '../../../extension/dashboard/process-views';
import { RecordTable } from '../../../extension/dashboard/record-table';
import { SystemView } from '../../../extension/dashboard/system-view';
import { TraceView } from '../../../extension/dashboard/trace-view';
import type { AiSystem } from '../../../shared/model';
import { readiness } from '../../../shared/processes/readiness';
import { snapshotOf, type FullSnapshot } from '../../../shared/processes/snapshot';
import { demoRecords } from '../../support/demo-records';

const TODAY = '2026-11-29';
const NOW = `${TODAY}T09:00:00.000Z`;
const onRecorded = () => undefined;

/** Each table in the markup: its accessible name and how many body rows it has. */
function tablesIn(markup: string): { label: string; rows: number }[] {
  return [...markup.matchAll(/<table[^>]*aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/table>/g)].map((m) => ({
    label: m[1]!,
    rows: (m[2]!.split('<tbody>')[1] ?? '').match(/<tr[\s>]/g)?.length ?? 0,
  }));
}

/** Every view that lists records, on `snapshot` (one system's page for its first system, if it has one). */
function everyView(snapshot: FullSnapshot): [string, ReactElement][] {
  const system = snapshot['ai-system'][0];
  return [
    ['readiness', <ReadinessView readiness={readiness(snapshot, TODAY)} />],
    ['audits', <AuditView snapshot={snapshot} events={[]} today={TODAY} onRecorded={onRecorded} />],
    ['reviews', <ReviewView snapshot={snapshot} />],
    ['calendar', <CalendarView snapshot={snapshot} today={TODAY} now={NOW} />],
    ['soa', <SoaView snapshot={snapshot} />],
    ['trace', <TraceView evidence={snapshot.evidence} events={[]} />],
    ...(system
      ? ([
          [
            'system',
            <SystemView
              system={system}
              snapshot={snapshot}
              evidence={snapshot.evidence}
              events={[]}
              today={TODAY}
              onRecorded={onRecorded}
            />,
          ],
        ] as [string, ReactElement][])
      : []),
  ];
}

describe('a table with no rows is a sentence', () => {
  it('RecordTable: no rows gives its empty text and no table; rows give the table and no empty text', () => {
    const columns = [{ title: 'Clause', cell: (g: { clause: string }) => g.clause }] as const;
    const none = renderToStaticMarkup(
      <RecordTable label="Gaps" empty="No gaps." rows={[]} rowKey={(g) => g.clause} columns={columns} />,
    );
    expect(none).not.toContain('<table');
    expect(none).toContain('No gaps.');
    const some = renderToStaticMarkup(
      <RecordTable
        label="Gaps"
        empty="No gaps."
        rows={[{ clause: '8.4' }]}
        rowKey={(g) => g.clause}
        columns={columns}
      />,
    );
    expect(tablesIn(some)).toEqual([{ label: 'Gaps', rows: 1 }]);
    expect(some).not.toContain('No gaps.');
  });

  it('readiness: a ready stage says "No gaps." under its heading and has no gap table; a stage with gaps has its table', () => {
    const demo = snapshotOf(demoRecords(TODAY));
    const computed = readiness(demo, TODAY);
    // The demo is ready for Stage 1 and not for Stage 2: both cases in one view.
    expect([computed.stage1.ready, computed.stage2.gaps.length > 0]).toEqual([true, true]);
    const markup = renderToStaticMarkup(<ReadinessView readiness={computed} />);
    const stage1 = markup.slice(
      markup.indexOf('aria-label="Stage 1"'),
      markup.indexOf('aria-label="Stage 2"'),
    );
    expect(stage1).toContain(
      '<h3>Stage 1: ready</h3><p class="muted empty" data-empty-table="Stage 1 gaps">No gaps.</p>',
    );
    expect(stage1).toContain('No gaps.');
    expect(stage1).not.toContain('<table');
    expect(tablesIn(markup)).toEqual([{ label: 'Stage 2 gaps', rows: computed.stage2.gaps.length }]);
  });

  it.each(everyView(snapshotOf([])))(
    'an empty register: the %s view has no table without rows',
    (_name, view) => {
      for (const table of tablesIn(renderToStaticMarkup(view)))
        expect(table.rows, table.label).toBeGreaterThan(0);
    },
  );

  it('one system with no evidence and no risks: its page says so instead of two empty tables', () => {
    const demo = snapshotOf(demoRecords(TODAY));
    const system: AiSystem = { ...demo['ai-system'][0]!, id: 'sys-new', name: 'New system' };
    const markup = renderToStaticMarkup(
      <SystemView
        system={system}
        snapshot={demo}
        evidence={demo.evidence}
        events={[]}
        today={TODAY}
        onRecorded={onRecorded}
      />,
    );
    expect(tablesIn(markup)).toEqual([]);
    expect(markup).toContain('No evidence recorded for this system.');
    expect(markup).toContain('No risks assessed for this system.');
  });

  it.each(everyView(snapshotOf(demoRecords(TODAY))))(
    'the demo organisation: the %s view has no table without rows',
    (_name, view) => {
      const tables = tablesIn(renderToStaticMarkup(view));
      for (const table of tables) expect(table.rows, table.label).toBeGreaterThan(0);
    },
  );
});
