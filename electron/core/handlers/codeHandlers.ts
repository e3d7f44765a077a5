import { CODE_CUES } from '../../../shared/builtins/codes';
import { AppError } from '../../../shared/errors';
import type { Code } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import { localiseCode } from '../domain/localise';
import type { Services } from '../services';
import type { HandlerGroup } from './context';
import { transact } from './transact';

function checkParent(services: Services, id: string, parentId: string | null): void {
  if (!parentId) return;
  services.codes.get(parentId);
  if (parentId === id || services.codes.ancestors(parentId).includes(id)) throw new AppError('VALIDATION', { field: 'parentId' });
}

/**
 * Built-in codes carry the meaning the overview counts on, so only their colour is the mentor's.
 * Sending the name or parent they already have is not a change (an edit form sends every field).
 */
function checkBuiltinChange(code: Code, language: Language, name: string | undefined, parentId: string | null | undefined): void {
  if (!code.builtinKey) return;
  const renamed = name !== undefined && name !== code.name && name !== localiseCode(code, language).name;
  const moved = parentId !== undefined && parentId !== code.parentId;
  if (renamed || moved) throw new AppError('READ_ONLY');
}

export const codeHandlers: HandlerGroup<'codes'> = {
  'codes:list': async (_request, ctx) => {
    const language = await ctx.preferences.language();
    return ctx.services().codes.list().map((code) => localiseCode(code, language));
  },
  'codes:create': ({ name, color, parentId }, ctx) => {
    const services = ctx.services();
    return transact(ctx, () => {
      if (parentId) services.codes.get(parentId);
      // Round robin, so that neighbouring new codes differ in line style as well as colour.
      const cue = CODE_CUES[services.codes.customCount() % CODE_CUES.length]!;
      return services.codes.create({ name, color, cue, parentId }, ctx.nowIso());
    });
  },
  'codes:update': async ({ id, name, color, parentId }, ctx) => {
    const language = await ctx.preferences.language();
    const services = ctx.services();
    const updated = transact(ctx, () => {
      const code = services.codes.get(id);
      checkBuiltinChange(code, language, name, parentId);
      if (parentId !== undefined) checkParent(services, id, parentId);
      return services.codes.update(id, {
        name: code.builtinKey ? code.name : (name ?? code.name),
        color: color ?? code.color,
        parentId: parentId === undefined ? code.parentId : parentId,
      }, ctx.nowIso());
    });
    return localiseCode(updated, language);
  },
  'codes:merge': ({ sourceId, targetId }, ctx) => {
    if (sourceId === targetId) throw new AppError('VALIDATION', { field: 'targetId' });
    const services = ctx.services();
    const moved = transact(ctx, ({ audit }) => {
      const source = services.codes.get(sourceId);
      services.codes.get(targetId);
      if (source.builtinKey) throw new AppError('READ_ONLY');
      const now = ctx.nowIso();
      // A target nested under the source first moves up to the source's place, or taking over the
      // source's children would hang it beneath itself.
      if (services.codes.ancestors(targetId).includes(sourceId)) services.codes.setParent(targetId, source.parentId, now);
      services.codes.reparentChildren(sourceId, targetId, now);
      const passages = services.annotations.passagesOfCode(sourceId);
      services.annotations.moveToCode(sourceId, targetId);
      services.codes.delete(sourceId);
      audit('code.merged', { moved: passages });
      return passages;
    });
    return { moved };
  },
  // removedPassages counts passages as codes:list counts usage (non-empty quotes); orphans of
  // drafts go too, but were never shown as passages.
  'codes:delete': ({ id }, ctx) => {
    const services = ctx.services();
    const removedPassages = transact(ctx, ({ audit }) => {
      const code = services.codes.get(id);
      if (code.builtinKey) throw new AppError('READ_ONLY');
      // Deleting would take passages out of finalised dialogues; merging into another code keeps them.
      const inFinal = services.annotations.passagesOfCodeInFinal(id);
      if (inFinal > 0) throw new AppError('CODE_IN_FINAL_DIALOGUE', { count: inFinal });
      const passages = services.annotations.passagesOfCode(id);
      // Children first: the schema would otherwise cascade the delete down the tree.
      services.codes.reparentChildren(id, code.parentId, ctx.nowIso());
      services.annotations.deleteByCode(id);
      services.codes.delete(id);
      audit('code.deleted', { removedPassages: passages });
      return passages;
    });
    return { removedPassages };
  },
};
