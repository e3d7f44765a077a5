import type { HandlerGroup } from './context';

export const settingsHandlers: HandlerGroup<'settings'> = {
  'settings:get': async (_request, ctx) => ({ ...ctx.services().settings.get(), language: await ctx.preferences.language() }),
  'settings:update': async (patch, ctx) => {
    if (patch.language) await ctx.preferences.setLanguage(patch.language);
    return { ...ctx.services().settings.update(patch), language: await ctx.preferences.language() };
  },
  // Works while locked too: the unlock screen has a language switch.
  'settings:setLanguage': async ({ language }, ctx) => {
    await ctx.preferences.setLanguage(language);
    if (ctx.vault.isUnlocked) ctx.services().settings.update({ language });
    return { ok: true };
  },
};
