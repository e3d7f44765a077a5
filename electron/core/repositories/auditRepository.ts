import type { Db } from '../db/connection';

/** Audit kinds; the detail holds counts and methods, never names or text. */
export type AuditKind =
  | 'vault.created' | 'vault.unlocked' | 'vault.unlock_failed' | 'vault.locked' | 'vault.passphrase_changed'
  | 'student.created' | 'student.archived' | 'student.restored'
  | 'dialogue.finalised' | 'code.merged' | 'code.deleted'
  | 'export.made' | 'exchange.imported' | 'classList.imported'
  | 'backup.made' | 'backup.restored'
  | 'handover.exported' | 'handover.imported'
  | 'student.erased' | 'vault.key_rotated'
  | 'vault.device_unlock_enabled' | 'vault.device_unlock_disabled' | 'vault.key_file_repaired' | 'backup.rewrapped'
  | 'consent.registered' | 'consent.revoked' | 'recording.made' | 'recording.deleted' | 'recording.expired';

export function recordAudit(db: Db, kind: AuditKind, detail: Record<string, string | number>, now: () => number): void {
  db.prepare('INSERT INTO audit_events (at, kind, detail) VALUES (?, ?, ?)')
    .run(new Date(now()).toISOString(), kind, JSON.stringify(detail));
}

export interface AuditEvent { at: string; kind: string; detail: Record<string, unknown> }

export function listAudit(db: Db, limit = 500): AuditEvent[] {
  const rows = db.prepare('SELECT at, kind, detail FROM audit_events ORDER BY id DESC LIMIT ?').all(limit) as { at: string; kind: string; detail: string }[];
  return rows.map((row) => ({ at: row.at, kind: row.kind, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}
