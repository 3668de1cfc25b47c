import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { DEMO_GAPS } from '../../../shared/demo';
import { runCli } from '../../support/cli';
import { newDemoWorkspace } from '../../support/demo-workspace';

const TODAY = '2026-11-28';
const EXAMPLES = join(__dirname, '../../../docs/examples');
let ws = '';
let dir = '';

beforeEach(async () => {
  ({ root: dir, ws } = await newDemoWorkspace('record-audit', TODAY));
});

const record = (kind: string, file: string) =>
  runCli(['record', kind, file, '--workspace', ws, '--today', TODAY]);
const example = (name: string) => join(EXAMPLES, name);

/** The example file with some fields changed, written next to the workspace. */
function variant(name: string, changes: Record<string, unknown>): string {
  const value = {
    ...(parseYaml(readFileSync(example(name), 'utf8')) as Record<string, unknown>),
    ...changes,
  };
  const path = join(dir, name);
  writeFileSync(path, stringify(value));
  return path;
}

async function eventCount(): Promise<number> {
  return readFileSync(join(ws, 'events.jsonl'), 'utf8').trim().split('\n').length;
}

describe('aims record for clause 9 and 10.2 records', () => {
  it('closes the demo finding through a verified corrective action, and readiness drops the gap', async () => {
    const action = await record('corrective-action', example('corrective-action.yaml'));
    expect(action.code).toBe(0);
    expect(action.out).toContain(
      'transition corrective-action ca-2026-1-1: corrective action ca-2026-1-1 for finding-2026-1-1 open → verified-effective',
    );
    const finding = await record('finding', example('finding.yaml'));
    expect(finding.code).toBe(0);
    expect(finding.out).toContain('minor nonconformity finding-2026-1-1 (A.6.2.8) action-planned → closed');

    const readiness = JSON.parse(
      (await runCli(['readiness', '--workspace', ws, '--today', TODAY, '--format', 'json'])).out,
    ) as {
      stage2: { gaps: Array<{ system?: string }> };
      phases: Array<{ percent: number }>;
    };
    expect(readiness.stage2.gaps.map((g) => g.system)).not.toContain(DEMO_GAPS.openFindingSystem);
    expect(readiness.phases[3]!.percent).toBe(100);
  });

  it('refuses to close a finding before its corrective action is verified, writing nothing', async () => {
    const before = await eventCount();
    const result = await record('finding', example('finding.yaml'));
    expect(result).toMatchObject({
      code: 2,
      err: `aims record: ${example('finding.yaml')}: field 'status': corrective action ca-2026-1-1 is not verified effective (status open)`,
    });
    expect(await eventCount()).toBe(before);
  });

  it('refuses a finding against a requirement outside the standard, or citing unknown evidence', async () => {
    const badRef = await record(
      'finding',
      variant('finding.yaml', { ref: 'A.6.2.9', status: 'open', closedOn: undefined }),
    );
    expect(badRef.code).toBe(2);
    expect(badRef.err).toContain("field 'ref': 'A.6.2.9' is not an ISO/IEC 42001 clause or Annex A control");
    const badEvidence = await record(
      'finding',
      variant('finding.yaml', { evidenceIds: ['ev-nowhere'], status: 'open', closedOn: undefined }),
    );
    expect(badEvidence.err).toContain("field 'evidenceIds': no record 'ev-nowhere' in the register");
  });

  it('refuses a verified-effective corrective action without an effectiveness check', async () => {
    const result = await record(
      'corrective-action',
      variant('corrective-action.yaml', { effectiveness: undefined }),
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain("field 'effectiveness': verified-effective needs an effectiveness check");
  });

  it('records an audit with a checklist derived from its scope, and refuses an auditor who is not impartial', async () => {
    const ok = await record('audit', example('audit.yaml'));
    expect(ok.code).toBe(0);
    const stored = JSON.parse(readFileSync(join(ws, 'records/audit/audit-2027-1.json'), 'utf8')) as {
      checklist: Array<{ ref: string; question: string }>;
    };
    expect(stored.checklist.map((c) => c.ref)).toEqual(['8.4', '9.3.1', '9.3.2', '9.3.3', 'A.5.2', 'A.9.4']);

    const owner = await record(
      'audit',
      variant('audit.yaml', { id: 'audit-2027-2', auditors: ['ana.silva@harbormutual.example'] }),
    );
    expect(owner.code).toBe(2);
    expect(owner.err).toContain(
      "field 'auditors': not impartial: ana.silva@harbormutual.example is the system owner and risk owner of Customer support assistant",
    );
    const selfAudit = await record(
      'audit',
      variant('audit.yaml', {
        id: 'audit-2027-3',
        scope: { clauses: ['9.2.2'], controls: [], systemIds: [] },
      }),
    );
    expect(selfAudit.err).toContain(
      'holds the internal-audit-owner role, which owns 9.2; auditing 9.2.2 would be auditing their own process',
    );
    const badScope = await record(
      'audit',
      variant('audit.yaml', {
        id: 'audit-2027-4',
        scope: { clauses: ['11.1'], controls: [], systemIds: [] },
      }),
    );
    expect(badScope.err).toContain("field 'scope': not in ISO/IEC 42001: 11.1");
  });

  it('records a management review with inputs compiled from the register, and refuses one without decisions', async () => {
    const ok = await record('management-review', example('management-review.yaml'));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('inputs compiled from the register');
    const stored = JSON.parse(readFileSync(join(ws, 'records/management-review/mr-2026-2.json'), 'utf8')) as {
      inputs: { previousActions: string[]; performance: string[]; opportunities: string[] };
    };
    expect(stored.inputs.previousActions[0]).toContain(
      'mr-2026-1/d1 open: Adopt automated model-change triggers',
    );
    expect(stored.inputs.performance.join('\n')).toContain(
      'Customer support assistant: risk assessment overdue',
    );

    const none = await record(
      'management-review',
      variant('management-review.yaml', { id: 'mr-2026-3', decisions: [] }),
    );
    expect(none.code).toBe(2);
    expect(none.err).toContain(
      "field 'decisions': record at least one decision on improvement or change (9.3.3)",
    );
  });
});
