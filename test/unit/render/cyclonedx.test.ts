// The CycloneDX writer lives in the pure core: the same report gives the same document, and the only
// time in it is the one handed in — no clock read, no random serial number.
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../../shared/discovery';
import { cycloneDxDocument, cycloneDxJson } from '../../../shared/render/cyclonedx';

const evidence = {
  path: 'app/main.py',
  line: 3,
  detector: 'code',
  confidence: 'high' as const,
  snippet: 'x',
};
const report: ScanReport = {
  target: 'acme/support-bot',
  scannedFiles: 4,
  warnings: [],
  systems: [
    {
      id: 'sys-app',
      name: 'app',
      purpose: 'answers support mail',
      root: 'app',
      providers: ['openai'],
      models: [{ id: 'gpt-4o-2024-08-06', provider: 'openai', pinning: 'snapshot', resolvedFrom: 'literal' }],
      datasets: [],
      evidence: [evidence],
      libraries: [{ ecosystem: 'pypi', name: 'openai', version: '==1.40.0' }],
    },
  ],
};

describe('CycloneDX writer (shared/render)', () => {
  it('is deterministic and carries no time or serial number it was not given', async () => {
    const first = await cycloneDxJson(report);
    expect(await cycloneDxJson(report)).toBe(first);
    const doc = JSON.parse(first) as { serialNumber?: string; metadata: { timestamp?: string } };
    expect(doc.serialNumber).toBeUndefined();
    expect(doc.metadata.timestamp).toBeUndefined();
  });

  it('stamps the BOM with the injected time only', async () => {
    const doc = (await cycloneDxDocument(report, { timestamp: new Date('2026-11-28T09:00:00Z') })) as {
      metadata: { timestamp?: string };
    };
    expect(doc.metadata.timestamp).toBe('2026-11-28T09:00:00.000Z');
  });

  it('does not change the report it is given', async () => {
    const copy = structuredClone(report);
    await cycloneDxDocument(report, { timestamp: new Date('2026-11-28T09:00:00Z') });
    expect(report).toEqual(copy);
  });
});
