import { type AuditKind, recordAudit } from '../repositories/auditRepository';
import type { Services } from '../services';
import type { HandlerContext } from './context';

export interface Transaction {
  services: Services;
  /** Records an audit event inside the same transaction: it exists exactly when the change does. */
  audit(kind: AuditKind, detail?: Record<string, string | number>): void;
}

/**
 * One handler's change and its audit event in one SQLite transaction: either both are stored or
 * neither. Every handler that changes more than one row goes through here rather than writing
 * `db.transaction(() => { …; recordAudit(…) })()` itself.
 */
export function transact<T>(ctx: HandlerContext, work: (tx: Transaction) => T): T {
  const services = ctx.services();
  const audit: Transaction['audit'] = (kind, detail = {}) => recordAudit(services.db, kind, detail, ctx.now);
  return services.db.transaction(() => work({ services, audit }))();
}
