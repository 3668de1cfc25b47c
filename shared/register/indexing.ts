// The fields the register can be queried by, derived the same way by every back-end.
import type { AnyRecord } from '../model';

/** The AI system a record belongs to, if any. */
export function systemIdOf(record: AnyRecord): string | undefined {
  if (record.kind === 'ai-system') return record.id;
  if ('systemId' in record && typeof record.systemId === 'string') return record.systemId;
  return undefined;
}

/** A record's workflow status, whatever that field is called for its kind. */
export function statusOf(record: AnyRecord): string | undefined {
  switch (record.kind) {
    case 'ai-system':
      return record.inventoryState;
    case 'document':
    case 'risk-methodology':
    case 'impact-template':
    case 'risk-assessment':
    case 'impact-assessment':
    case 'soa-entry':
      return record.approval.state;
    case 'treatment':
    case 'trigger':
    case 'audit':
    case 'finding':
    case 'corrective-action':
      return record.status;
    default:
      return undefined;
  }
}

/** Clauses or controls a record speaks to. */
export function clausesOf(record: AnyRecord): string[] {
  switch (record.kind) {
    case 'document':
    case 'trigger':
      return record.clauses;
    case 'evidence':
      return [...record.clauses, ...record.controls];
    case 'finding':
      return [record.ref];
    case 'soa-entry':
      return [record.controlId];
    case 'treatment':
      return record.annexAControls;
    case 'risk-assessment':
      return ['6.1.2', '8.2'];
    case 'impact-assessment':
      return ['6.1.4', '8.4'];
    case 'audit':
      return [...record.scope.clauses, ...record.scope.controls];
    case 'management-review':
      return ['9.3'];
    default:
      return [];
  }
}
