// The documents that implement each Annex A control group at Harbor Mutual, captured as evidence so every
// included control's SoA justification is drafted from a link rather than typed as boilerplate.
import { sha256Hex } from '../register/hash';
import { controlsInGroup } from '../standard';
import { atNoon, addDays } from './dates';
import type { DemoDraft } from './people';

const GROUP_EVIDENCE: ReadonlyArray<{
  group: string;
  id: string;
  title: string;
  file: string;
  version: string;
}> = [
  {
    group: 'A.2',
    id: 'ev-ai-policy-2-0',
    title: 'Responsible AI policy 2.0 (approved)',
    file: 'doc-ai-policy.docx',
    version: '2.0',
  },
  {
    group: 'A.3',
    id: 'ev-ai-raci',
    title: 'AI roles, responsibilities and reporting RACI',
    file: 'ai-raci.xlsx',
    version: '3.0',
  },
  {
    group: 'A.4',
    id: 'ev-ai-resource-register',
    title: 'AI resource register: data, tooling, compute, people',
    file: 'ai-resource-register.xlsx',
    version: '5.0',
  },
  {
    group: 'A.5',
    id: 'ev-impact-procedure',
    title: 'AI system impact assessment procedure and records index',
    file: 'doc-impact-method.docx',
    version: '1.0',
  },
  {
    group: 'A.6',
    id: 'ev-ai-lifecycle-standard',
    title: 'AI system lifecycle standard: design to retirement',
    file: 'ai-lifecycle-standard.docx',
    version: '2.1',
  },
  {
    group: 'A.7',
    id: 'ev-ai-data-standard',
    title: 'Data for AI systems standard: quality, provenance, preparation',
    file: 'ai-data-standard.docx',
    version: '1.4',
  },
  {
    group: 'A.8',
    id: 'ev-ai-notices',
    title: 'Information for policyholders and incident reporting procedure',
    file: 'ai-notices-and-incidents.docx',
    version: '1.2',
  },
  {
    group: 'A.9',
    id: 'ev-ai-use-procedure',
    title: 'Responsible use and human oversight procedure',
    file: 'ai-use-procedure.docx',
    version: '1.3',
  },
  {
    group: 'A.10',
    id: 'ev-ai-supplier-clauses',
    title: 'AI clauses in supplier contracts',
    file: 'ai-supplier-clauses.docx',
    version: '1.1',
  },
];

/** One evidence item per Annex A group, tagged with its controls except those the SoA excludes. */
export function controlEvidenceRecords(today: string, excluded: readonly string[]): DemoDraft[] {
  const capturedAt = atNoon(addDays(today, -45));
  return GROUP_EVIDENCE.map((g) => {
    const url = `https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/${g.file}`;
    return {
      kind: 'evidence',
      id: g.id,
      title: g.title,
      sourceTool: 'sharepoint',
      url,
      pinnedVersion: g.version,
      contentHash: sha256Hex(`${url}@${g.version}`),
      capturedAt,
      clauses: [],
      controls: controlsInGroup(g.group)
        .map((c) => c.id)
        .filter((id) => !excluded.includes(id)),
      systemIds: [],
      freshForDays: 365,
    };
  });
}
