import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/main';
import type { CommandIO } from '../../../scripts/cli/command';
import { DEMO_GAPS } from '../../../shared/demo';
import { PHASE_NAMES, ReadinessJson, roadmap } from '../../../shared/processes/readiness';
import { PROPOSAL_RULES } from '../../../shared/processes/calendar';
import { demoSnapshot } from '../../support/certification-fixtures';

const TODAY = '2026-11-28';

async function aims(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => new Date(`${TODAY}T09:00:00.000Z`),
    cwd: process.cwd(),
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The fenced block that follows an `<!-- example: name -->` marker in docs/readiness.md. */
function docExample(name: string): string {
  const doc = readFileSync(join(__dirname, '../../../docs/readiness.md'), 'utf8');
  const marker = `<!-- example: ${name} -->\n`;
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs/readiness.md has no example '${name}'`);
  const rest = doc.slice(at + marker.length);
  const fence = /^```[a-z]*\n([\s\S]*?)\n```/.exec(rest);
  return fence ? fence[1]! : rest.slice(0, rest.indexOf('\n\n'));
}

let ws = '';

beforeAll(async () => {
  ws = join(mkdtempSync(join(tmpdir(), 'aims-readiness-')), 'ws');
  const demo = await aims(['demo', '--workspace', ws, '--today', TODAY]);
  expect(demo.code).toBe(0);
});

describe('aims readiness', () => {
  it('prints the JSON contract for the demo workspace, listing each planted gap with its system', async () => {
    const result = await aims(['readiness', '--workspace', ws, '--today', TODAY, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const json = ReadinessJson.parse(JSON.parse(result.out));
    expect(json.stage1).toEqual({ ready: true, gaps: [] });
    expect(json.stage2.ready).toBe(false);
    const systems = json.stage2.gaps.map((g) => g.system);
    expect(systems).toEqual(
      expect.arrayContaining([
        DEMO_GAPS.missingImpactAssessment,
        DEMO_GAPS.overdueReassessment,
        DEMO_GAPS.openFindingSystem,
      ]),
    );
    const byClause = (system: string) =>
      json.stage2.gaps
        .filter((g) => g.system === system)
        .map((g) => g.clause)
        .sort();
    expect(byClause(DEMO_GAPS.missingImpactAssessment)).toEqual(['8.4']);
    expect(byClause(DEMO_GAPS.overdueReassessment)).toEqual(['8.2', '8.4']);
    expect(byClause(DEMO_GAPS.openFindingSystem)).toEqual(['A.6.2.8']);
    expect(json.stage2.gaps.find((g) => g.system === DEMO_GAPS.overdueReassessment)!.what).toContain(
      'overdue',
    );
    expect(json.stage2.gaps.find((g) => g.system === DEMO_GAPS.openFindingSystem)!.what).toContain(
      'finding-2026-1-1',
    );
    expect(json.phases.map((p) => p.name)).toEqual([...PHASE_NAMES]);
    expect(json.phases.map((p) => p.percent)).toEqual([100, 100, 85, 80]);
  });

  it('prints a readable report by default', async () => {
    const result = await aims(['readiness', '--workspace', ws, '--today', TODAY]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Stage 1 — documented AIMS: READY');
    expect(result.out).toContain('Stage 2 — implemented and effective: NOT READY (4 gaps)');
    expect(result.out).toContain('3. First-cycle execution       85%');
    expect(result.out).toContain('✗ 8.4    Claims document extraction: current, approved impact assessment');
  });

  it('answers bad input with one line and exit 2', async () => {
    const badDay = await aims(['readiness', '--workspace', ws, '--today', '2026-02-30']);
    expect(badDay).toMatchObject({
      code: 2,
      err: "aims readiness: --today must be a calendar day YYYY-MM-DD (got '2026-02-30')",
    });
    const badFormat = await aims(['readiness', '--workspace', ws, '--format', 'yaml']);
    expect(badFormat).toMatchObject({
      code: 2,
      err: "aims readiness: --format must be one of text, json (got 'yaml')",
    });
    const noWorkspace = await aims(['readiness']);
    expect(noWorkspace).toMatchObject({ code: 2, err: 'aims readiness: missing --workspace' });
    const notWorkspace = await aims(['readiness', '--workspace', tmpdir()]);
    expect(notWorkspace.code).toBe(2);
    expect(notWorkspace.err).toContain('not an AIMS workspace');
  });
});

describe('docs/readiness.md examples', () => {
  it('shows the exact readiness JSON the demo workspace produces', async () => {
    const documented = docExample('readiness-json');
    expect(ReadinessJson.safeParse(JSON.parse(documented)).success).toBe(true);
    const result = await aims(['readiness', '--workspace', ws, '--today', TODAY, '--format', 'json']);
    expect(JSON.parse(result.out)).toEqual(JSON.parse(documented));
  });

  it('documents every roadmap check the code computes', () => {
    const table = docExample('phase-checks');
    for (const phase of roadmap(demoSnapshot(), TODAY)) {
      expect(table).toContain(phase.name);
      for (const check of phase.checks) {
        // Phase 3 checks are per system: the table names the check without the system.
        const label = check.label.includes(': ')
          ? check.label.slice(check.label.indexOf(': ') + 2)
          : check.label;
        expect(table).toContain(`${check.clause} ${label}`);
      }
    }
  });

  it('states the proposal rules the calendar applies', () => {
    const table = docExample('proposal-rules');
    expect(table).toContain(
      `today + ${PROPOSAL_RULES.stage1WhenReady} days when Stage 1 is ready, + ${PROPOSAL_RULES.stage1WhenNotReady} days`,
    );
    expect(table).toContain(
      `Stage 1 + ${PROPOSAL_RULES.stage2WhenReady} days when Stage 2 is ready, + ${PROPOSAL_RULES.stage2WhenNotReady} days`,
    );
    expect(table).toContain(`Stage 2 + ${PROPOSAL_RULES.certificateAfterStage2} days`);
  });
});
