import { AppError } from '../../../shared/errors';
import type { AnnotationAttributes } from '../../../shared/dialogueSchemas';
import type { Services } from '../services';
import type { HandlerGroup } from './context';
import { transact } from './transact';

/** Dilemma type and context describe a boundary experience; on any other code they mean nothing. */
function attributesFor(services: Services, codeId: string, attributes: AnnotationAttributes): AnnotationAttributes {
  return services.codes.get(codeId).builtinKey === 'boundaryExperience' ? attributes : {};
}

function checkDraft(services: Services, dialogueId: string): void {
  if (services.dialogues.get(dialogueId).status === 'final') throw new AppError('READ_ONLY');
}

export const annotationHandlers: HandlerGroup<'annotations'> = {
  // The quote stays empty until the next save, which carries the mark with the words.
  'annotations:create': ({ dialogueId, codeId, memo, attributes }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      checkDraft(services, dialogueId);
      return services.annotations.create(dialogueId, { codeId, memo, attributes: attributesFor(services, codeId, attributes) }, ctx.nowIso());
    });
  },
  'annotations:update': ({ id, codeId, memo, attributes }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      const existing = services.annotations.get(id);
      checkDraft(services, existing.dialogueId);
      const code = codeId ?? existing.codeId;
      return services.annotations.update(id, {
        codeId: code,
        memo: memo ?? existing.memo,
        attributes: attributesFor(services, code, attributes ?? existing.attributes),
      }, ctx.nowIso());
    });
  },
  'annotations:delete': ({ id }, ctx) => {
    const services = ctx.services();
    transact(ctx, () => {
      checkDraft(services, services.annotations.get(id).dialogueId);
      services.annotations.delete(id);
    });
    return { ok: true };
  },
};
