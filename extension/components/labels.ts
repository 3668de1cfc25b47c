// Readable wording for the inventory's enum values; unknown values fall back to themselves.
const LABELS: Record<string, string> = {
  design: 'Design',
  development: 'Development',
  verification: 'Verification',
  deployment: 'Deployment',
  operation: 'Operation',
  retirement: 'Retirement',
  experimental: 'Experimental',
  internal: 'Internal',
  production: 'Production',
  retired: 'Retired',
  'discovered-unreviewed': 'Discovered, unreviewed',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  vanished: 'Vanished',
  snapshot: 'snapshot',
  version: 'version',
  hash: 'hash',
  floating: 'floating',
  'implicit-default': 'implicit default',
  unknown: 'unknown',
};

export const label = (value: string): string => LABELS[value] ?? value;
