// impact-template (6.1.4; ISO/IEC 42005 5.7): section ids and threshold tiers must be unique; an
// approved template needs its approver. A new version makes earlier assessments "on an older template".
import { validateTemplate } from '../processes/impact-assessment';
import { throwFirst, refuse } from '../model';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { parseDraft } from './fields';

export const impactTemplateRule: RecordRule = {
  summary: 'checks section ids and threshold tiers; an approved template must name its approver',
  prepare(value) {
    const template = parseDraft('impact-template', value);
    throwFirst(validateTemplate(template));
    if (template.approval.state === 'approved' && !template.approval.approvedBy) {
      throw refuse('approval.approvedBy', 'say who approved it');
    }
    return [
      writeOf('impact-template', template, {
        summary: `impact template ${template.id} ${template.version} (${template.approval.state})`,
      }),
    ];
  },
};
