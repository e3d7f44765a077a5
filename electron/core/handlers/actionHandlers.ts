import { AppError } from '../../../shared/errors';
import type { Services } from '../services';
import type { HandlerGroup } from './context';
import { transact } from './transact';

/**
 * The dialogue and passage an action came from must be this student's. An action from a
 * passage belongs to that passage's dialogue, so the dialogue is filled in when left out.
 */
function origin(services: Services, studentId: string, dialogueId: string | null, annotationId: string | null): string | null {
  if (dialogueId && services.dialogues.get(dialogueId).studentId !== studentId) throw new AppError('VALIDATION', { field: 'dialogueId' });
  if (!annotationId) return dialogueId;
  const annotation = services.annotations.get(annotationId);
  const fromOtherDialogue = dialogueId !== null && annotation.dialogueId !== dialogueId;
  if (fromOtherDialogue || services.dialogues.get(annotation.dialogueId).studentId !== studentId) {
    throw new AppError('VALIDATION', { field: 'annotationId' });
  }
  return annotation.dialogueId;
}

export const actionHandlers: HandlerGroup<'actions'> = {
  'actions:list': ({ studentId, includeDone }, ctx) => {
    const services = ctx.services();
    services.students.get(studentId);
    return services.actions.list(studentId, includeDone);
  },
  'actions:create': ({ studentId, dialogueId, annotationId, ...fields }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      services.students.get(studentId);
      const fromDialogue = origin(services, studentId, dialogueId, annotationId);
      return services.actions.create({ studentId, dialogueId: fromDialogue, annotationId, ...fields }, ctx.nowIso());
    });
  },
  'actions:update': ({ id, text, owner, dueDate }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      const action = services.actions.get(id);
      return services.actions.update(id, {
        text: text ?? action.text,
        owner: owner ?? action.owner,
        dueDate: dueDate === undefined ? action.dueDate : dueDate,
      }, ctx.nowIso());
    });
  },
  'actions:setDone': ({ id, done }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      const action = services.actions.get(id);
      const now = ctx.nowIso();
      // Ticking an action that is already done keeps the moment it was done.
      return services.actions.setDoneAt(id, done ? (action.doneAt ?? now) : null, now);
    });
  },
  'actions:delete': ({ id }, ctx) => {
    ctx.services().actions.delete(id);
    return { ok: true };
  },
};
