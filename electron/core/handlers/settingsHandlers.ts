import { LogoStore, parseLogo } from '../export/logo';
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
  // The logo sits in the vault like every other setting: only while unlocked.
  'settings:getLogo': (_request, ctx) => new LogoStore(ctx.services().db).get(),
  'settings:setLogo': ({ dataBase64 }, ctx) => {
    const { db } = ctx.services();
    // The name is not used: the bytes decide what the file is.
    return new LogoStore(db).set(parseLogo(dataBase64));
  },
  'settings:clearLogo': (_request, ctx) => {
    new LogoStore(ctx.services().db).clear();
    return { ok: true };
  },
};
