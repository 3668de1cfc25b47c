import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/main';
import type { CommandIO } from '../../../scripts/cli/command';
import { DEMO_GAPS } from '../../../shared/demo';
import { PHASE_NAMES, ReadinessJson, roadmap } from '../../../shared/processes/readiness';
import { PROPOSAL_RULES } from '../../../shared/processes/calendar';
import { addDays } from '../../../shared/processes/days';
import { demoSnapshot } from '../../support/certification-fixtures';
import { tempDir } from '../../support/temp';

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
  ws = join(tempDir('readiness'), 'ws');
  const demo = await aims(['demo', '--workspace', ws, '--today', TODAY]);
  expect(demo.code).toBe(0);
});

describe('aims readiness', () => {
  it('without --today judges as of the current UTC day, also late in the evening west of UTC', async () => {
    const out: string[] = [];
    const io: CommandIO = {
      out: (l) => out.push(l),
      err: () => undefined,
      // 23:30 on 28 November in New York is already 29 November in UTC.
      now: () => new Date('2026-11-28T23:30:00.000-05:00'),
      cwd: process.cwd(),
    };
    expect(await main(['readiness', '--workspace', ws], io)).toBe(0);
    expect(out.join('\n')).toContain('Certification readiness as of 2026-11-29');
  });

  it('prints the JSON contract for the demo workspace: the planted gaps block, the minor finding is watched', async () => {
    const result = await aims(['readiness', '--workspace', ws, '--today', TODAY, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const json = ReadinessJson.parse(JSON.parse(result.out));
    expect(json.stage1).toEqual({ ready: true, gaps: [], watch: [] });
    expect(json.stage2.ready).toBe(false);
    // Exactly the missing impact assessment and the overdue reassessments.
    expect(json.stage2.gaps.map((g) => `${g.clause} ${g.system}`)).toEqual([
      `8.4 ${DEMO_GAPS.missingImpactAssessment}`,
      `8.2 ${DEMO_GAPS.overdueReassessment}`,
      `8.4 ${DEMO_GAPS.overdueReassessment}`,
    ]);
    expect(json.stage2.gaps[0]!.what).toBe('Claims document extraction has no impact assessment');
    expect(json.stage2.gaps[1]!.what).toContain('risk assessment overdue');
    expect(json.stage2.gaps[2]!.what).toContain('impact assessment overdue');
    // The open minor nonconformity with an in-date corrective action is a watch item, not a gap.
    expect(json.stage2.watch).toEqual([
      expect.objectContaining({ clause: 'A.6.2.8', system: DEMO_GAPS.openFindingSystem }),
    ]);
    expect(json.stage2.watch[0]!.what).toContain('open minor nonconformity finding-2026-1-1');
    expect(json.phases.map((p) => p.name)).toEqual([...PHASE_NAMES]);
    expect(json.phases.map((p) => p.percent)).toEqual([100, 100, 85, 80]);
  });

  it("gives a 5.2 gap under 7.5.2 once --today passes the AI policy's review date", async () => {
    const policy = demoSnapshot().document.find((d) => d.docType === 'ai-policy')!;
    const late = addDays(policy.nextReview!, 1);
    const result = await aims(['readiness', '--workspace', ws, '--today', late, '--format', 'json']);
    const json = ReadinessJson.parse(JSON.parse(result.out));
    expect(json.stage1.ready).toBe(false);
    expect(json.stage1.gaps).toContainEqual({
      clause: '5.2',
      what: `review of the AI policy (doc-ai-policy v2.0) was due on ${policy.nextReview} (7.5.2)`,
      next: 'review the AI policy, approve the result and set its next review date',
    });
    const onTheDay = await aims([
      'readiness',
      '--workspace',
      ws,
      '--today',
      policy.nextReview!,
      '--format',
      'json',
    ]);
    expect(JSON.parse(onTheDay.out).stage1.gaps.map((g: { clause: string }) => g.clause)).not.toContain(
      '5.2',
    );
  });

  it('prints a readable report by default, with the watch items apart from the gaps', async () => {
    const result = await aims(['readiness', '--workspace', ws, '--today', TODAY]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Stage 1 — documented AIMS: READY');
    expect(result.out).toContain('Stage 2 — implemented and effective: NOT READY (3 gaps)');
    expect(result.out).toContain('Watch (1; an auditor follows these up, they do not block):');
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
