// Gaps the clause 5.3, 6.1 and 8 processes find besides assessment states: what `aims status`, the
// demo and the extension's dashboard list under the systems.
import type { Gap } from './gap-row';
import { assessmentsOnOlderTemplate } from './impact-assessment';
import { roleGaps } from './roles';
import type { RegisterSnapshot } from './snapshot';
import { treatmentGaps } from './treatment';

/** Role gaps (5.3), treatment gaps (6.1.3, 8.3) and impact assessments on an older template (8.4), in that order. */
export function processGaps(snapshot: RegisterSnapshot, today: string): Gap[] {
  return [
    ...roleGaps(snapshot),
    ...treatmentGaps(snapshot, today),
    ...assessmentsOnOlderTemplate(snapshot).map((a) => ({
      clause: '8.4',
      systemId: a.systemId,
      what: `impact assessment ${a.id} answers template ${a.templateId} ${a.templateVersion}, an older version`,
      next: 'reassess on the current template version',
    })),
  ];
}
