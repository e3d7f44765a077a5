import { studentOverview } from '../domain/studentOverview';
import { studentTimeline } from '../insights/timeline';
import { recordAudit } from '../repositories/auditRepository';
import type { HandlerGroup } from './context';

export const studentHandlers: HandlerGroup<'students'> = {
  'students:list': ({ includeArchived }, ctx) => ctx.services().students.list(includeArchived),
  'students:get': ({ id }, ctx) => ctx.services().students.get(id),
  'students:create': (fields, ctx) => {
    const { students, db } = ctx.services();
    return db.transaction(() => {
      const student = students.create(fields, ctx.nowIso());
      recordAudit(db, 'student.created', {}, ctx.now);
      return student;
    })();
  },
  'students:update': ({ id, fields }, ctx) => ctx.services().students.update(id, fields, ctx.nowIso()),
  'students:archive': ({ id }, ctx) => {
    const { students, db } = ctx.services();
    return db.transaction(() => {
      const now = ctx.nowIso();
      const student = students.setArchived(id, now, now);
      recordAudit(db, 'student.archived', {}, ctx.now);
      return student;
    })();
  },
  'students:overview': async ({ id }, ctx) => studentOverview(ctx.services(), id, await ctx.preferences.language()),
  'students:timeline': ({ id }, ctx) => studentTimeline(ctx.services(), id),
  'students:restore': ({ id }, ctx) => {
    const { students, db } = ctx.services();
    return db.transaction(() => {
      const student = students.setArchived(id, null, ctx.nowIso());
      recordAudit(db, 'student.restored', {}, ctx.now);
      return student;
    })();
  },
};
