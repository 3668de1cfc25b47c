import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../support/cli';
import { newDemoWorkspace } from '../../support/demo-workspace';

const TODAY = '2026-11-28';
const EXAMPLES = join(process.cwd(), 'docs/examples');

const demoWorkspace = () => newDemoWorkspace('record', TODAY);

const record = (ws: string, kind: string, file: string, extra: string[] = []) =>
  runCli([
    'record',
    kind,
    file,
    '--workspace',
    ws,
    '--today',
    TODAY,
    '--actor',
    'lena.fischer@harbormutual.example',
    ...extra,
  ]);

/** Every file of the workspace with its bytes, to prove a refused record changed nothing. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      // The snapshot cache is derived from the records by any command that reads them; it is not workspace data.
      if (d === dir && name === '.cache') continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'base64');
    }
  };
  walk(dir);
  return out;
}

describe('aims record', () => {
  it('records every documented example on the demo organisation (the docs cannot rot)', async () => {
    const { ws } = await demoWorkspace();
    const steps: Array<[string, string]> = [
      ['trigger', 'trigger.yaml'],
      ['impact-assessment', 'impact-assessment.yaml'],
      ['risk-assessment', 'risk-assessment.yaml'],
      ['approval', 'approval.yaml'],
      ['treatment', 'treatment.json'],
    ];
    const outputs: string[] = [];
    for (const [kind, file] of steps) {
      const result = await record(ws, kind, join(EXAMPLES, file));
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      outputs.push(result.out);
    }
    expect(outputs[0]).toContain('Claims triage risk and impact assessments current → due');
    expect(outputs[1]).toContain('tier sensitive');
    expect(outputs[2]).toContain('trigger trg-support-model-swap open → assessing');
    expect(outputs[3]).toContain(
      'trigger trg-support-model-swap assessing → resolved by ra-sys-support-assistant-2, ia-sys-support-assistant-2',
    );
    expect(outputs[4]).toContain('residual medium accepted by risk owner ana.silva@harbormutual.example');

    const status = JSON.parse(
      (await runCli(['status', '--workspace', ws, '--today', TODAY, '--format', 'json'])).out,
    ) as {
      systems: Array<{ id: string; risk: { state: string }; impact: { state: string } }>;
    };
    const state = (id: string) => status.systems.find((s) => s.id === id);
    expect(state('sys-support-assistant')).toMatchObject({
      risk: { state: 'current' },
      impact: { state: 'current' },
    });
    expect(state('sys-claims-triage')).toMatchObject({ risk: { state: 'due' }, impact: { state: 'due' } });
    const stored = JSON.parse(
      readFileSync(join(ws, 'records/impact-assessment/ia-sys-support-assistant-2.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(stored).toMatchObject({
      systemFingerprint: 'dataset:policy-wording-kb|model:azure-openai/gpt-4.1|provider:azure-openai',
      thresholdTier: 'sensitive',
    });
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });

  it('refuses a bad file with exit 2 and one line naming the field, leaving every workspace byte as it was', async () => {
    const { root, ws } = await demoWorkspace();
    const before = contents(ws);
    const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
    let n = 0;
    const bad = (name: string, text: string) => {
      const path = join(root, `${++n}-${name}`);
      writeFileSync(path, text);
      return path;
    };
    const riskFile = (risk: object, extra: object = {}) =>
      bad(
        'risk.json',
        JSON.stringify({
          systemId: 'sys-claims-triage',
          assessor: 'omar.haddad@harbormutual.example',
          methodologyId: 'risk-method',
          risks: [risk],
          ...extra,
        }),
      );
    const risk = {
      id: 'r1',
      title: 'Drift',
      source: 'workshop',
      likelihood: 3,
      consequences: { organisation: 3 },
    };
    const cases: Array<[string, string, string]> = [
      [
        'risk-assessment',
        riskFile({ ...risk, likelihood: 7 }),
        "aims record: {file}: field 'risks[0].likelihood': 7 is outside the likelihood scale 1–5 of risk-method 1.1",
      ],
      [
        'risk-assessment',
        riskFile({ ...risk, likelihood: 'often' }),
        "aims record: {file}: field 'risks[0].likelihood': Invalid input: expected number, received string",
      ],
      [
        'risk-assessment',
        riskFile({ ...risk, level: 'low' }),
        `aims record: {file}: field 'risks[0].level': "low" does not match the methodology, which gives "medium"`,
      ],
      [
        'risk-assessment',
        riskFile(risk, { colour: 'red' }),
        'aims record: {file}: field \'(root)\': Unrecognized key: "colour"',
      ],
      [
        'risk-assessment',
        riskFile(risk, { systemId: 'sys-nope' }),
        "aims record: {file}: field 'systemId': no ai-system 'sys-nope' in the register",
      ],
      ['risk-assessment', bad('risk.yaml', 'systemId: [unclosed'), 'aims record: {file}: not valid YAML'],
      [
        'treatment',
        bad(
          'treatment.json',
          example('treatment.json')
            .replace('"A.6.2.6"', '"A.6.2.42"')
            .replace('ra-sys-support-assistant-2', 'ra-sys-support-assistant-1')
            .replace('"riskId": "prompt-injection"', '"riskId": "ia-i1"'),
        ),
        "aims record: {file}: field 'annexAControls[1]': 'A.6.2.42' is not an Annex A control of ISO/IEC 42001:2023",
      ],
      [
        'treatment',
        bad(
          'accept.json',
          example('treatment.json')
            .replace('ra-sys-support-assistant-2', 'ra-sys-support-assistant-1')
            .replace('"riskId": "prompt-injection"', '"riskId": "ia-i1"')
            .replace('"acceptedBy": "ana.silva', '"acceptedBy": "omar.haddad'),
        ),
        "aims record: {file}: field 'residualAcceptance.acceptedBy': only Customer support assistant's risk owner ana.silva@harbormutual.example may accept its residual risk, not omar.haddad@harbormutual.example",
      ],
      [
        'risk-assessment',
        riskFile(risk, { id: 'ra-sys-claims-triage-1' }),
        "aims record: {file}: field 'id': risk assessment ra-sys-claims-triage-1 is approved and stays as it was approved; record a reassessment under a new id",
      ],
      [
        'trigger',
        bad('trigger.json', '{ "systemId": "sys-claims-triage", '),
        'aims record: {file}: not valid JSON',
      ],
      [
        'trigger',
        bad('kind.yaml', example('trigger.yaml').replace('kind: trigger', 'kind: finding')),
        "aims record: {file}: field 'kind': 'finding' does not match the kind 'trigger' given",
      ],
      [
        'impact-assessment',
        bad('ia.yaml', example('impact-assessment.yaml').replace(/ {2}- \{ stage: retirement.*\n/, '')),
        "aims record: {file}: field 'dataByStage': state data sensitivity for every lifecycle stage; missing retirement",
      ],
      [
        'approval',
        bad(
          'approval.yaml',
          'recordKind: risk-assessment\nrecordId: ra-sys-claims-triage-1\nby: omar.haddad@harbormutual.example\ndecision: rejected\n',
        ),
        "aims record: {file}: field 'recordId': risk-assessment 'ra-sys-claims-triage-1' is already",
      ],
    ];
    for (const [kind, file, expected] of cases) {
      const result = await record(ws, kind, file);
      expect(result.code, expected).toBe(2);
      expect(result.out).toBe('');
      expect(result.err.split('\n')).toHaveLength(1);
      const line = expected.replace('{file}', file);
      expect(result.err.slice(0, line.length)).toBe(line);
    }
    expect(contents(ws)).toEqual(before);
  });

  it('refuses an assessment against an unapproved methodology or for a system without a risk owner', async () => {
    const { root, ws } = await demoWorkspace();
    const file = (name: string, content: object) => {
      const path = join(root, name);
      writeFileSync(path, stringify(content));
      return path;
    };
    const draftMethod = JSON.parse(
      readFileSync(join(ws, 'records/risk-methodology/risk-method.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(
      (
        await record(
          ws,
          'risk-methodology',
          file('m.yaml', {
            ...draftMethod,
            id: 'risk-method-2',
            version: '2.0',
            approval: { state: 'draft' },
          }),
        )
      ).code,
    ).toBe(0);
    const assessment = {
      systemId: 'sys-claims-triage',
      assessor: 'omar.haddad@harbormutual.example',
      risks: [
        { id: 'r1', title: 'Drift', source: 'workshop', likelihood: 3, consequences: { organisation: 3 } },
      ],
    };
    const unapproved = await record(
      ws,
      'risk-assessment',
      file('a.yaml', { ...assessment, methodologyId: 'risk-method-2' }),
    );
    expect(unapproved.code).toBe(2);
    expect(unapproved.err).toContain(
      'risk methodology risk-method-2 2.0 is draft, not approved; approve it before using it for an assessment',
    );

    const system = JSON.parse(
      readFileSync(join(ws, 'records/ai-system/sys-claims-triage.json'), 'utf8'),
    ) as Record<string, unknown>;
    const { riskOwner: _dropped, ...ownerless } = system;
    expect(
      (await record(ws, 'ai-system', file('s.yaml', { ...ownerless, id: 'sys-new', name: 'New bot' }))).code,
    ).toBe(0);
    const noOwner = await record(
      ws,
      'risk-assessment',
      file('b.yaml', { ...assessment, systemId: 'sys-new', methodologyId: 'risk-method' }),
    );
    expect(noOwner.err).toBe(
      `aims record: ${join(root, 'b.yaml')}: field 'systemId': New bot (sys-new) has no risk owner; assign one before assessing its risks (5.3, 6.1.3)`,
    );
  });

  it('records any kind without a rule against its schema, letting the file omit metadata', async () => {
    const { root, ws } = await demoWorkspace();
    const path = join(root, 'role.yaml');
    writeFileSync(
      path,
      stringify({
        kind: 'role-assignment',
        id: 'role-deputy',
        role: 'aims-owner',
        person: 'sam.ito@harbormutual.example',
        communicated: true,
      }),
    );
    const result = await record(ws, 'role-assignment', path);
    expect(result.code).toBe(0);
    expect(result.out).toContain('create     role-assignment role-deputy');
    expect(
      JSON.parse(readFileSync(join(ws, 'records/role-assignment/role-deputy.json'), 'utf8')),
    ).toMatchObject({ createdBy: 'lena.fischer@harbormutual.example', revision: 1 });
    const again = await record(ws, 'role-assignment', path);
    expect(again.out).toBe(`Nothing to record: ${path} matches what the register holds.`);
  });
});

describe('aims status', () => {
  it('lists each system with owners, risk level, both assessment states and open triggers', async () => {
    const { ws } = await demoWorkspace();
    const result = await runCli(['status', '--workspace', ws, '--today', TODAY]);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe(`AI system status as of ${TODAY} (clauses 8.2, 8.4)`);
    expect(lines[2]).toMatch(
      /^System\s+Owner\s+Risk owner\s+Risk level\s+Risk assessment\s+Impact assessment\s+Open triggers$/,
    );
    const row = (name: string) => lines.find((l) => l.startsWith(name))?.split(/\s{2,}/);
    expect(row('Customer support assistant')).toEqual([
      'Customer support assistant',
      'ana.silva',
      'ana.silva',
      'high',
      'overdue (due since 2026-10-14)',
      'overdue (due since 2026-10-14)',
      'trg-support-model-swap',
    ]);
    expect(row('Claims document extraction')?.slice(3, 6)).toEqual([
      'high',
      'current (next 2027-07-31)',
      'missing',
    ]);
    expect(row('Underwriting risk score')?.[3]).toBe('critical');
  });

  it('records calendar triggers as events when asked, then shows the systems due', async () => {
    const { ws } = await demoWorkspace();
    const later = '2027-08-05';
    const result = await runCli(['status', '--workspace', ws, '--today', later, '--record-transitions']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('transition Claims triage risk assessment current → due (calendar)');
    expect(result.out).toContain('transition Claims triage impact assessment current → due (calendar)');
    const events = readFileSync(join(ws, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; cause: string; recordId: string });
    expect(events.filter((e) => e.recordId === 'trg-calendar-sys-claims-triage-risk-2027-07-31')).toEqual([
      expect.objectContaining({
        action: 'transition',
        cause: 'trigger:trg-calendar-sys-claims-triage-risk-2027-07-31',
      }),
    ]);
    const json = JSON.parse(
      (await runCli(['status', '--workspace', ws, '--today', later, '--format', 'json'])).out,
    ) as {
      systems: Array<{ id: string; risk: { state: string; causes: string[] } }>;
    };
    expect(json.systems.find((s) => s.id === 'sys-claims-triage')?.risk).toMatchObject({
      state: 'due',
      causes: ['trg-calendar-sys-claims-triage-risk-2027-07-31'],
    });
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });
});
