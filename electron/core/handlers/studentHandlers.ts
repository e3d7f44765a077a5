import { studentOverview } from '../domain/studentOverview';
import { studentTimeline } from '../insights/timeline';
import type { HandlerGroup } from './context';
import { transact } from './transact';

export const studentHandlers: HandlerGroup<'students'> = {
  'students:list': ({ includeArchived }, ctx) => ctx.services().students.list(includeArchived),
  'students:get': ({ id }, ctx) => ctx.services().students.get(id),
  'students:create': (fields, ctx) => {
    const { students } = ctx.services();
    return transact(ctx, ({ audit }) => {
      const student = students.create(fields, ctx.nowIso());
      audit('student.created');
      return student;
    });
  },
  'students:update': ({ id, fields }, ctx) => ctx.services().students.update(id, fields, ctx.nowIso()),
  'students:archive': ({ id }, ctx) => {
    const { students } = ctx.services();
    return transact(ctx, ({ audit }) => {
      const now = ctx.nowIso();
      const student = students.setArchived(id, now, now);
      audit('student.archived');
      return student;
    });
  },
  'students:overview': async ({ id }, ctx) => studentOverview(ctx.services(), id, await ctx.preferences.language()),
  'students:timeline': ({ id }, ctx) => studentTimeline(ctx.services(), id),
  'students:restore': ({ id }, ctx) => {
    const { students } = ctx.services();
    return transact(ctx, ({ audit }) => {
      const student = students.setArchived(id, null, ctx.nowIso());
      audit('student.restored');
      return student;
    });
  },
};
