import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { builtinTemplateRank, copyName, localiseTemplate } from '../domain/localise';
import type { HandlerGroup } from './context';
import { transact } from './transact';

export const templateHandlers: HandlerGroup<'templates'> = {
  'templates:list': async ({ includeArchived }, ctx) => {
    const language = await ctx.preferences.language();
    // Stored order is by name; a stable sort moves the built-ins to the front in their fixed order.
    return ctx.services().templates.listLatest(includeArchived)
      .sort((a, b) => builtinTemplateRank(a.builtinKey) - builtinTemplateRank(b.builtinKey))
      .map((version) => localiseTemplate(version, language));
  },
  'templates:get': async ({ versionId }, ctx) => localiseTemplate(ctx.services().templates.version(versionId), await ctx.preferences.language()),
  'templates:copy': async ({ templateId }, ctx) => {
    const language = await ctx.preferences.language();
    const { templates } = ctx.services();
    return transact(ctx, () => {
      // The copy is the mentor's own from now on, so it keeps the words as they read today.
      const source = localiseTemplate(templates.latest(templateId), language);
      const id = randomUUID();
      const now = ctx.nowIso();
      templates.insertTemplate(id, templateId, now);
      const copy = templates.insertVersion(randomUUID(), {
        templateId: id, version: 1, name: copyName(source.name, language), kind: source.kind, sections: source.sections,
      }, now);
      return copy;
    });
  },
  'templates:saveVersion': ({ templateId, name, kind, sections }, ctx) => {
    const { templates } = ctx.services();
    return transact(ctx, () => {
      const latest = templates.latest(templateId);
      if (latest.builtinKey) throw new AppError('READ_ONLY');
      // Never an update: dialogues made with an earlier version keep pointing at it.
      return templates.insertVersion(randomUUID(), { templateId, version: latest.version + 1, name, kind, sections }, ctx.nowIso());
    });
  },
  'templates:setArchived': async ({ templateId, archived }, ctx) => {
    const { templates } = ctx.services();
    const version = transact(ctx, () => {
      templates.setArchived(templateId, archived ? ctx.nowIso() : null);
      return templates.latest(templateId);
    });
    return localiseTemplate(version, await ctx.preferences.language());
  },
};
