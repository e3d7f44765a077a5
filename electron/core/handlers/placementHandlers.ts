import { AppError } from '../../../shared/errors';
import type { HandlerGroup } from './context';

export const placementHandlers: HandlerGroup<'placements'> = {
  'placements:list': ({ studentId }, ctx) => {
    const { students, placements } = ctx.services();
    students.get(studentId); // NOT_FOUND rather than an empty list for a student that is not there
    return placements.listByStudent(studentId);
  },
  'placements:create': ({ studentId, ...fields }, ctx) => {
    const { students, placements } = ctx.services();
    students.get(studentId);
    if (fields.startDate && fields.endDate && fields.endDate < fields.startDate) throw new AppError('VALIDATION', { field: 'endDate' });
    return placements.create({ studentId, ...fields }, ctx.nowIso());
  },
};
