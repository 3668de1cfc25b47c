// The certification plan agreed with a certification body: the dates the operating calendar counts from.
import { z } from 'zod';
import { Day, RecordMeta } from './base';

export const CertificationPlan = RecordMeta.extend({
  kind: z.literal('certification-plan'),
  certificationBody: z.string().min(1).optional(),
  stage1On: Day,
  stage2On: Day,
  /** Day the certificate is (or is expected to be) issued; surveillance and recertification count from it. */
  certificateOn: Day.optional(),
  note: z.string().optional(),
});
export type CertificationPlan = z.infer<typeof CertificationPlan>;
