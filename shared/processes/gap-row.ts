// What a process found missing: one row of a gap list, with the clause it breaks and the next step.

export interface Gap {
  /** ISO/IEC 42001 clause or Annex A control, e.g. '5.3' or 'A.6.2.6'. */
  clause: string;
  systemId?: string;
  what: string;
  next: string;
}
