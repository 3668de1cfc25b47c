// `aims record` for the clause records: every example in docs/examples records into the demo workspace,
// each through the register's normal write path (so each gets its event on the hash chain), and bad
// references are refused naming the field, writing nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { openWorkspace } from '../../../connectors/local/workspace';
import { runCli } from '../../support/cli';
import { newDemoWorkspace } from '../../support/demo-workspace';

const TODAY = '2026-11-28';
const EXAMPLES = join(__dirname, '../../../docs/examples');
// In dependency order: a measurement needs its plan, an AIMS risk its context issue.
const CLAUSE_EXAMPLES = [
  'context-issue',
  'interested-party',
  'leadership-commitment',
  'aims-risk',
  'aims-change',
  'resource',
  'awareness',
  'communication',
  'monitoring-plan',
  'measurement',
  'improvement',
] as const;

let dir = '';
let ws = '';
const record = (kind: string, file: string) =>
  runCli(['record', kind, file, '--workspace', ws, '--today', TODAY]);
const events = () => readFileSync(join(ws, 'events.jsonl'), 'utf8').trim().split('\n').length;

function variant(name: string, changes: Record<string, unknown>): string {
  const value = {
    ...(parseYaml(readFileSync(join(EXAMPLES, `${name}.yaml`), 'utf8')) as object),
    ...changes,
  };
  const path = join(dir, `${name}-variant.yaml`);
  writeFileSync(path, stringify(value));
  return path;
}

beforeAll(async () => {
  ({ root: dir, ws } = await newDemoWorkspace('record-clauses', TODAY));
});

describe('aims record for the clause records', () => {
  it('refuses references to records that do not exist, writing nothing', async () => {
    const before = events();
    const orphan = await record('measurement', variant('measurement', { planId: 'mon-nowhere' }));
    expect(orphan.code).not.toBe(0);
    expect(orphan.err).toContain('planId');
    expect(orphan.err).toContain("no monitoring-plan 'mon-nowhere' in the register");
    const decision = await record(
      'leadership-commitment',
      variant('leadership-commitment', { decisionId: 'd9' }),
    );
    expect(decision.err).toContain("review mr-2026-1 has no decision 'd9'");
    const noReview = await record(
      'leadership-commitment',
      variant('leadership-commitment', { reviewId: undefined }),
    );
    expect(noReview.err).toContain('a decisionId needs the reviewId it belongs to');
    const context = await record('aims-risk', variant('aims-risk', { arisesFrom: ['ctx-missing'] }));
    expect(context.err).toContain('arisesFrom[0]');
    const undecided = await record('improvement', variant('improvement', { decision: undefined }));
    expect(undecided.err).toContain("status 'decided' needs the decision");
    const early = await record(
      'improvement',
      variant('improvement', {
        decision: {
          outcome: 'rejected',
          decidedOn: '2026-11-01',
          decidedBy: 'x@example.com',
          rationale: 'no',
        },
      }),
    );
    expect(early.err).toContain('is before it was raised');
    const dup = await record(
      'interested-party',
      variant('interested-party', {
        requirements: [
          { id: 'a', requirement: 'r', addressed: true },
          { id: 'a', requirement: 's', addressed: false },
        ],
      }),
    );
    expect(dup.err).toContain("requirement id 'a' is used twice");
    const badKind = await record('context-issue', variant('context-issue', { category: 'weather' }));
    expect(badKind.err).toContain('category');
    const unknownField = await record('resource', variant('resource', { budgetEur: 5 }));
    expect(unknownField.code).not.toBe(0);
    expect(events()).toBe(before);
  });

  it('records every example, one event each on the verified chain', async () => {
    for (const name of CLAUSE_EXAMPLES) {
      const before = events();
      const result = await record(name, join(EXAMPLES, `${name}.yaml`));
      expect(result.err, name).toBe('');
      expect(result.code, name).toBe(0);
      expect(events(), name).toBe(before + 1);
    }
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
    const register = await openWorkspace(ws);
    expect((await register.get('measurement', 'meas-override-rate-2026-11'))?.planId).toBe(
      'mon-override-rate',
    );
    expect((await register.get('context-issue', 'ctx-reinsurer-ai-clauses'))?.revision).toBe(1);
    // The records keep the demo ready at Stage 1.
    const json = JSON.parse(
      (await runCli(['readiness', '--workspace', ws, '--today', TODAY, '--format', 'json'])).out,
    );
    expect(json.stage1.ready).toBe(true);
  });
});
