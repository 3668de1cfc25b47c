// Harbor Mutual, the demo organisation: its name, its people, and the draft shape every demo record family
// module returns. Its own module, so the record families and the organisation never import each other.
import type { Draft, RecordKind } from '../model';

/** A draft of any record kind, tagged with its kind. */
export type DemoDraft = { [K in RecordKind]: Draft<K> & { kind: K } }[RecordKind];

export const DEMO_ORGANISATION = 'Harbor Mutual';

export const DEMO_PEOPLE = {
  ciso: 'maya.chen@harbormutual.example',
  riskLead: 'omar.haddad@harbormutual.example',
  privacy: 'lena.fischer@harbormutual.example',
  auditor: 'raj.patel@harbormutual.example',
  coo: 'grace.okafor@harbormutual.example',
  claimsLead: 'tom.reyes@harbormutual.example',
  serviceLead: 'ana.silva@harbormutual.example',
  underwriting: 'ben.walsh@harbormutual.example',
  fraudLead: 'nina.kowalski@harbormutual.example',
  opsLead: 'sam.ito@harbormutual.example',
} as const;
