import { describe, expect, it } from 'vitest';
import type { Component } from '../../../shared/model';
import {
  approveImpactAssessment,
  assessmentsOnOlderTemplate,
  deriveThresholdTier,
  planImpactAssessment,
  systemFingerprint,
  validateImpactAssessment,
  validateTemplate,
} from '../../../shared/processes/impact-assessment';
import { snapshotOf } from '../../../shared/processes/snapshot';
import {
  ASSESSOR,
  OWNER,
  RISK_OWNER,
  TODAY,
  baseSnapshot,
  impactInput,
  rec,
  roles,
  system,
  template,
} from './process-fixtures';

const options = { assessor: ASSESSOR, today: TODAY, cause: 'initial' };
const plan = (overrides: Parameters<typeof impactInput>[0] = {}) =>
  planImpactAssessment(system(), template(), impactInput(overrides), options);
const problems = (overrides: Parameters<typeof impactInput>[0]) =>
  validateImpactAssessment({ ...plan(), ...impactInput(overrides) }, template()).map(
    (p) => `${p.field}: ${p.message}`,
  );

describe('impact assessment (6.1.4, 8.4, ISO/IEC 42005)', () => {
  it('fingerprints components stably: order-free, pinning-free, sensitive to model, provider, hash and dataset version', () => {
    const components: Component[] = [
      { kind: 'dataset', id: 'faq', pinnedVersion: '3' },
      { kind: 'model', id: 'gpt-4o', provider: 'openai', pinning: 'floating' },
      { kind: 'provider', id: 'openai' },
    ];
    const fingerprint = systemFingerprint(components);
    expect(fingerprint).toBe('dataset:faq@3|model:openai/gpt-4o|provider:openai');
    expect(systemFingerprint([...components].reverse())).toBe(fingerprint);
    expect(
      systemFingerprint(
        components.map((c) => (c.kind === 'model' ? { ...c, pinning: 'snapshot' as const } : c)),
      ),
    ).toBe(fingerprint);
    expect(
      systemFingerprint(components.map((c) => (c.kind === 'model' ? { ...c, id: 'gpt-4.1' } : c))),
    ).not.toBe(fingerprint);
    expect(
      systemFingerprint(components.map((c) => (c.kind === 'dataset' ? { ...c, pinnedVersion: '4' } : c))),
    ).not.toBe(fingerprint);
    expect(systemFingerprint([])).toBe('(no components)');
  });

  it('plans a valid assessment: tier derived, fingerprint filled, next review a year on', () => {
    expect(plan()).toMatchObject({
      kind: 'impact-assessment',
      id: `ia-sys-support-bot-${TODAY}`,
      templateId: 'impact-template',
      templateVersion: '2.0',
      thresholdTier: 'standard',
      systemFingerprint: 'model:openai/gpt-4o',
      nextReview: '2027-11-28',
      approval: { state: 'draft' },
    });
  });

  it('derives the threshold tier from the template rules, highest tier first', () => {
    const tier = (overrides: Parameters<typeof impactInput>[0]) =>
      deriveThresholdTier(template(), impactInput(overrides));
    expect(tier({})).toEqual({ tier: 'standard', because: [] });
    const personal = impactInput().dataByStage.map((d) =>
      d.stage === 'operation' ? { ...d, sensitivity: 'personal' as const } : d,
    );
    expect(tier({ dataByStage: personal })).toEqual({ tier: 'sensitive', because: ['data is personal'] });
    expect(tier({ complexity: { autonomy: 'autonomous', operationalComplexity: 'high' } }).tier).toBe(
      'sensitive',
    );
    const severe = impactInput().impacts.map((i) => ({ ...i, severity: 5 }));
    expect(tier({ impacts: severe, dataByStage: personal })).toEqual({
      tier: 'restricted',
      because: ['a harm has severity 5'],
    });
    expect(plan({ impacts: severe }).thresholdTier).toBe('restricted');
  });

  it('refuses a tier below the thresholds, naming the field', () => {
    const severe = impactInput().impacts.map((i) => ({ ...i, severity: 5 }));
    expect(() => plan({ impacts: severe, thresholdTier: 'sensitive' })).toThrow(
      "field 'thresholdTier': template impact-template 2.0 places this system at 'restricted' (a harm has severity 5), not 'sensitive'",
    );
    expect(plan({ thresholdTier: 'restricted' }).thresholdTier).toBe('restricted');
  });

  it('requires every required section answered and data sensitivity for all six lifecycle stages', () => {
    expect(problems({ unintendedUses: [] })).toEqual([
      "unintendedUses: template section 'System information' (6.3) is required: list foreseeable unintended uses or misuse",
    ]);
    expect(problems({ answers: {} })).toEqual([
      "answers.redress: template section 'Redress' (redress) is required: answer it",
    ]);
    expect(
      problems({
        dataByStage: impactInput().dataByStage.filter(
          (d) => d.stage !== 'retirement' && d.stage !== 'design',
        ),
      }),
    ).toEqual([
      "dataByStage: state data sensitivity for every lifecycle stage; missing design, retirement (use 'none' where a stage handles no data)",
    ]);
    const twice = [
      ...impactInput().dataByStage,
      { stage: 'operation' as const, data: 'x', sensitivity: 'none' as const },
    ];
    expect(problems({ dataByStage: twice })).toEqual([
      "dataByStage[6].stage: stage 'operation' appears twice",
    ]);
    expect(problems({ interestedParties: [] })[0]).toMatch(
      /^interestedParties: template section 'Interested parties'/,
    );
    expect(problems({ impacts: impactInput().impacts.map((i) => ({ ...i, measures: [] })) })).toEqual([
      "impacts[0].measures: template section 'Measures' (6.9) is required: give at least one measure for every harm",
    ]);
    expect(problems({ impacts: [] })).toContain('impacts: record at least one impact (42005 6.8)');
  });

  it('checks the assessment against its template version and approval', () => {
    const draft = plan();
    expect(validateImpactAssessment({ ...draft, templateVersion: '1.0' }, template())).toEqual([
      {
        field: 'templateVersion',
        message: 'template impact-template is at version 2.0; answer that version, not 1.0',
      },
    ]);
    expect(validateImpactAssessment(draft, template({ approval: { state: 'draft' } }))[0]?.message).toBe(
      'template impact-template 2.0 is draft, not approved',
    );
    expect(
      validateTemplate(
        template({
          sections: [...template().sections, { id: 'scope', title: 'x', prompt: 'x', required: false }],
        }),
      ),
    ).toEqual([{ field: 'sections[7].id', message: "section 'scope' appears twice" }]);
  });

  it('is approved by someone with authority, taking the fingerprint at approval', () => {
    const snapshot = baseSnapshot();
    const changed = system({
      components: [{ kind: 'model', id: 'gpt-4.1', provider: 'openai', pinning: 'floating' }],
    });
    const context = { snapshot, template: template(), at: `${TODAY}T12:00:00.000Z` };
    const approved = approveImpactAssessment(plan(), { ...context, system: changed, approver: RISK_OWNER });
    expect(approved.approval).toMatchObject({ state: 'approved', approvedBy: RISK_OWNER });
    expect(approved.systemFingerprint).toBe('model:openai/gpt-4.1');
    expect(
      approveImpactAssessment(plan(), { ...context, system: system(), approver: OWNER }).approval.state,
    ).toBe('approved');
    expect(
      approveImpactAssessment(plan(), { ...context, system: system(), approver: 'ines@example.com' }).approval
        .state,
    ).toBe('approved');
    expect(() =>
      approveImpactAssessment(plan(), { ...context, system: system(), approver: ASSESSOR }),
    ).toThrow(`field 'approvedBy': ${ASSESSOR} may not approve impact assessments of Support bot`);
  });

  it('lists the latest assessments that answer an older template version', () => {
    const old = rec('impact-assessment', {
      ...plan(),
      id: 'ia-old',
      templateVersion: '1.0',
      approval: { state: 'approved' },
    });
    const snapshot = snapshotOf([template(), ...roles(), system(), old]);
    expect(assessmentsOnOlderTemplate(snapshot).map((a) => a.id)).toEqual(['ia-old']);
    const current = rec('impact-assessment', {
      ...plan(),
      id: 'ia-new',
      assessedOn: '2026-11-29',
      approval: { state: 'approved' },
    });
    expect(assessmentsOnOlderTemplate(snapshotOf([template(), system(), old, current]))).toEqual([]);
    expect(
      assessmentsOnOlderTemplate(snapshotOf([template({ approval: { state: 'in-review' } }), system(), old])),
    ).toEqual([]);
  });
});
