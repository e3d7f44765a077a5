import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openUnlockedApp } from './fixtures';

const nl = catalogs.nl;
const INTERNAL = 'Interne dialoog — reflectie op een ervaring';

let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

/** Whether the element the locator finds has the keyboard focus. */
async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The focused element's tag, for a message when focus went elsewhere (to body, say). */
const openDialog = (page: Page) => page.locator('[role="dialog"], [role="alertdialog"]');

describe('focus in and out of dialogs', () => {
  it('focuses the first field on open, and Escape or Cancel gives focus back to the opening button', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    const add = page.getByRole('button', { name: `+ ${nl.students.add}` }).first();

    // Opened from the keyboard: the name field has focus, ready to type.
    await add.focus();
    await page.keyboard.press('Enter');
    await openDialog(page).waitFor();
    await expect.poll(() => isFocused(openDialog(page).getByLabel(nl.students.fields.displayName))).toBe(true);
    await page.keyboard.press('Escape');
    await openDialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(add)).toBe(true);

    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    // Edit from the row, close with Cancel: back on that row's Edit button.
    const edit = page.getByRole('button', { name: `${nl.common.edit}: Sanne de Vries` });
    await edit.click();
    await openDialog(page).waitFor();
    await expect.poll(() => isFocused(openDialog(page).getByLabel(nl.students.fields.displayName))).toBe(true);
    await openDialog(page).getByRole('button', { name: nl.common.cancel }).click();
    await openDialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(edit)).toBe(true);

    // Saved: still on the row's Edit button, not at the top of the page.
    await edit.click();
    await openDialog(page).getByLabel(nl.students.fields.programme).fill('Verzorgende IG');
    await openDialog(page).getByRole('button', { name: nl.common.save }).click();
    await openDialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(edit)).toBe(true);
  });

  it('focuses Cancel in a question, the first code in the tag dialog, and returns to the text after tagging', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    const d = new DialoguePage(page);
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    await d.openStudent('Sanne de Vries');
    await d.newDialogue(INTERNAL, { title: 'Focus' });
    await d.typeInSection('Wat deed dat met je?', 'Ik voelde me klem zitten.');
    await d.waitSaved();

    // A question without fields: Cancel first, so Enter never finalises by accident.
    const finalise = page.getByRole('button', { name: nl.dialogue.screen.finalise });
    await finalise.click();
    await page.getByRole('alertdialog').waitFor();
    await expect.poll(() => isFocused(page.getByRole('alertdialog').getByRole('button', { name: nl.common.cancel }))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(finalise)).toBe(true);

    // Tagging from the keyboard: Ctrl+Shift+T in the text, the first code has focus, and after
    // saving the caret is back in the text where the mentor was.
    await d.selectText('klem zitten');
    await page.keyboard.press('Control+Shift+T');
    await page.getByRole('dialog').waitFor();
    await expect.poll(() => isFocused(page.getByRole('dialog').getByRole('radio', { name: 'Grenservaring', exact: true }))).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: nl.dialogue.tags.save }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('dialogue-editor') ?? false)).toBe(true);

    // F1 from the text, Escape: back in the text too.
    await page.keyboard.press('F1');
    await page.getByRole('dialog', { name: nl.help.title }).waitFor();
    await expect.poll(() => isFocused(page.getByRole('dialog').getByRole('button', { name: nl.common.close }))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('dialogue-editor') ?? false)).toBe(true);
  });

  it('closes the "Meer" menu when an item opens a dialog, and gives focus back to "Meer" afterwards', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    const d = new DialoguePage(page);
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    await d.openStudent('Sanne de Vries');
    const more = page.getByRole('button', { name: nl.safety.more });
    await more.click();
    await page.getByRole('menuitem', { name: nl.safety.handover.exportButton }).click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('menu').count()).toBe(0);
    await expect.poll(() => isFocused(page.getByRole('dialog').getByLabel(nl.safety.handover.passphrase, { exact: true }))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // Focus comes back in the close handler, which may run just after the dialog left the DOM.
    await expect.poll(() => isFocused(more)).toBe(true);
    // Escape on the open menu itself closes it too.
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
  });
});

describe('toasts', () => {
  it('announce politely without taking focus, and go by themselves unless focused', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    const toast = page.locator('.toast').filter({ hasText: 'Sanne de Vries' });
    await toast.waitFor();
    expect(await page.locator('.toasts').getAttribute('aria-live')).toBe('polite');
    // The text is in the page once: Radix's hidden copy for announcing is not made.
    expect(await page.getByText('Sanne de Vries is toegevoegd.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.closest('.toasts') ?? null)).toBeNull();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });

    // Archived: the toast's Undo stays while it has focus, past the usual six seconds.
    await app.students.archive('Sanne de Vries');
    const undo = page.locator('.toast').getByRole('button', { name: nl.common.undo });
    await undo.focus();
    await page.waitForTimeout(7_000);
    expect(await undo.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('rowheader', { name: 'Sanne de Vries' }).waitFor();
  }, 60_000);
});
