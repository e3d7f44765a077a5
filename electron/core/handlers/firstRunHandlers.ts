import type { FirstRunStatus } from '../../../shared/firstRunSchemas';
import { readBackupSettings } from '../backup/backupSettings';
import type { Db } from '../db/connection';
import { commitErasure } from '../erasure/erasure';
import { saveRecoveryKeyFile } from '../firstRun/recoveryKeyFile';
import { addExampleStudent, clearExampleMarker, exampleStudentId } from '../firstRun/exampleStudent';
import type { HandlerContext, HandlerGroup } from './context';
import { scrubAfterErasure } from './erasureHandlers';
import { transact } from './transact';

const DISMISSED = 'firstRun.dismissed';

/** The checklist from what is in the vault; the example student and its dialogues do not count. */
export function firstRunStatus(db: Db): FirstRunStatus {
  const example = exampleStudentId(db);
  const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
  const dismissed = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(DISMISSED);
  return {
    backupFolderChosen: readBackupSettings(db).folder !== null,
    students: count('SELECT count(*) FROM students WHERE id IS NOT ?', example),
    dialogues: count('SELECT count(*) FROM dialogues WHERE student_id IS NOT ?', example),
    exports: count(`SELECT count(*) FROM audit_events WHERE kind = 'export.made'`),
    exampleStudentId: example,
    dismissed: dismissed === 'true',
  };
}

const status = (ctx: HandlerContext) => firstRunStatus(ctx.services().db);

export const firstRunHandlers: HandlerGroup<'firstRun'> = {
  'firstRun:status': (_request, ctx) => status(ctx),
  'firstRun:addExample': (_request, ctx) => {
    transact(ctx, ({ services, audit }) => {
      addExampleStudent(services, ctx.now(), ctx.nowIso());
      audit('student.created', { example: 1 });
    });
    return status(ctx);
  },
  'firstRun:dismiss': ({ dismissed }, ctx) => {
    ctx.services().db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(DISMISSED, JSON.stringify(dismissed));
    return status(ctx);
  },
  /**
   * The real erasure (rows by cascade, search rows, the erased list, VACUUM), confirmed with the
   * stored name since the example is the app's own. No fresh backup replaces the older ones, as
   * `erasure:erase` does: the example holds no one's data, and that would cost the mentor every
   * older backup. The marker goes after the erasure; a crash in between leaves a marker that
   * points nowhere, which `exampleStudentId` reads as none.
   */
  'firstRun:saveRecoveryKey': ({ recoveryKey }, ctx) => saveRecoveryKeyFile(ctx, recoveryKey),
  'firstRun:removeExample': async (_request, ctx) => {
    const { db } = ctx.services();
    const id = exampleStudentId(db);
    if (id !== null) {
      const name = db.prepare('SELECT display_name FROM students WHERE id = ?').pluck().get(id) as string;
      commitErasure(db, id, name, ctx.now);
      // Cleared before the scrub's wait, while this connection is surely open.
      clearExampleMarker(db);
      await scrubAfterErasure(ctx);
    } else clearExampleMarker(db);
    return status(ctx);
  },
};
