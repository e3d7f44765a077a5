import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openApp, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const f = nl.firstRun;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

const step = (a: App, name: string) => a.page.locator(`.checklist-item[data-step="${name}"]`);
const isDone = async (a: App, name: string) => (await step(a, name).getAttribute('data-done')) === 'true';

describe('first run', () => {
  it('offers copy, save as text and print for the recovery key; focus goes on to the confirmation', async () => {
    app = await openApp();
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    const key = await app.vault.submitCreate();
    const { page } = app;
    await page.getByRole('button', { name: f.recovery.save }).click();
    await page.getByRole('status').filter({ hasText: f.recovery.saved }).waitFor();
    const text = readFileSync(join(app.harness.exportsDir, 'Loopbaandialoog-herstelsleutel.txt'), 'utf8');
    expect(text).toContain(key);
    expect(text).toContain('Herstelsleutel van je Loopbaandialoog-kluis');
    await expect.poll(() => page.getByLabel(nl.vault.recoveryConfirm).evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: f.recovery.copy }).click();
    await page.getByRole('status').filter({ hasText: f.recovery.copied }).waitFor();
    // Checking the box makes the button usable, and it takes the focus.
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('button', { name: nl.vault.recoveryDone }).evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await app.students.waitForList();
  });

  it('shows a start checklist that ticks itself off from what the vault holds', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    await page.getByRole('heading', { name: f.checklist.title }).waitFor();
    expect(await page.getByTestId('checklist-progress').textContent()).toContain('0 van de 4 stappen zijn gedaan');
    // What cannot work yet says so instead of offering a button.
    expect(await step(app, 'dialogue').getByText(f.checklist.dialogue.blocked).count()).toBe(1);
    expect(await a11yViolations(page)).toEqual([]);

    await step(app, 'backup').getByRole('button', { name: f.checklist.backup.action }).click();
    await expect.poll(() => isDone(app!, 'backup')).toBe(true);
    await step(app, 'students').getByRole('button', { name: `+ ${f.checklist.students.action}` }).click();
    await page.getByRole('dialog').getByLabel(nl.students.fields.displayName).fill('Sanne de Vries');
    await page.getByRole('dialog').getByRole('button', { name: nl.common.save }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => isDone(app!, 'students')).toBe(true);
    expect(await step(app, 'dialogue').getByText(f.checklist.dialogue.blocked).count()).toBe(0);

    const d = new DialoguePage(page);
    await d.openStudent('Sanne de Vries');
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Eerste gesprek', heldOn: '2026-11-20' });
    await d.waitSaved();
    await page.getByRole('navigation', { name: nl.nav.main }).getByRole('button', { name: nl.nav.students }).click();
    await expect.poll(() => isDone(app!, 'dialogue')).toBe(true);
    expect(await isDone(app, 'export')).toBe(false);
    expect(await page.getByTestId('checklist-progress').textContent()).toContain('3 van de 4 stappen zijn gedaan');
    // Hidden on request, and it stays hidden.
    await page.getByRole('button', { name: f.checklist.hide }).click();
    await page.getByRole('heading', { name: f.checklist.title }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: nl.nav.today }).click();
    await page.getByRole('heading', { name: nl.today.title, level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: f.checklist.title }).count()).toBe(0);
  }, 60_000);

  it('adds a marked example student with two dialogues and removes it in one step', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    await page.getByRole('button', { name: f.example.add }).click();
    await page.getByRole('button', { name: 'Voorbeeld: Lotte Bakker', exact: true }).waitFor();
    // Not counted as the mentor's own student.
    expect(await isDone(app, 'students')).toBe(false);
    await page.getByRole('button', { name: f.example.open }).click();
    await page.getByRole('heading', { name: 'Voorbeeld: Lotte Bakker', level: 1 }).waitFor();
    await page.getByText('Stage verpleeghuis: meneer K. wil niet gewassen worden').waitFor();
    await page.getByText('Loopbaangesprek na de stage-ervaring').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: nl.nav.main }).getByRole('button', { name: nl.nav.students }).click();
    await page.getByRole('button', { name: f.example.remove }).click();
    await page.locator('.toast').filter({ hasText: f.example.removed }).waitFor();
    await page.getByRole('button', { name: 'Voorbeeld: Lotte Bakker', exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: nl.students.emptyTitle }).waitFor();
  }, 60_000);

  it('F1 explains the method and lists Ctrl+K and the sidebar key; the sidebar collapses and stays so', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog');
    await help.getByText(f.method.boundary.term, { exact: true }).waitFor();
    expect(await help.getByText(f.method.competences.text).count()).toBe(1);
    expect(await help.getByText('Ctrl+K', { exact: true }).count()).toBe(1);
    expect(await help.getByText(f.keys.sidebar).count()).toBe(1);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    const nav = page.getByRole('navigation', { name: nl.nav.main });
    await page.getByRole('button', { name: nl.shell.collapse }).click();
    await nav.waitFor({ state: 'hidden' });
    const main = await page.locator('#main').boundingBox();
    expect(main!.x).toBeLessThan(80);
    // Still lockable from the rail; expanded again with the key.
    expect(await page.getByRole('button', { name: nl.vault.lock }).isVisible()).toBe(true);
    // Remembered: the shell is built anew after locking and unlocking.
    await app.vault.lock();
    await app.vault.unlock(PASSPHRASE);
    await app.students.waitForList();
    expect(await nav.isVisible()).toBe(false);
    await page.keyboard.press('Control+Backslash');
    await nav.waitFor({ state: 'visible' });
  }, 60_000);

  it('opens "Meer" as a menu: arrow keys move, Escape and Tab close it, focus goes back to its button', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    await new DialoguePage(page).openStudent('Sanne de Vries');
    const trigger = page.getByRole('button', { name: nl.safety.more });
    const focused = (locator: ReturnType<typeof page.getByRole>) => locator.evaluate((element) => element === document.activeElement);
    await trigger.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await trigger.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => focused(page.getByRole('menuitem').first())).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page.getByRole('menuitem').nth(1))).toBe(true);
    await page.keyboard.press('End');
    await expect.poll(() => focused(page.getByRole('menuitem', { name: nl.safety.erase.button }))).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => focused(trigger)).toBe(true);

    await page.keyboard.press('Enter');
    await menu.waitFor();
    await page.keyboard.press('Tab');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => focused(trigger)).toBe(true);

    // An item that opens a dialog: the dialog gives focus back to "Meer" when it closes.
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: nl.safety.handover.exportButton }).click();
    await page.getByRole('dialog').waitFor();
    expect(await menu.count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(trigger)).toBe(true);
  }, 60_000);

  it('puts toasts at the bottom left beside the sidebar, three at most, away from the header buttons', async () => {
    app = await openUnlockedApp();
    const { page } = app;
    for (const name of ['Anna Aalders', 'Bram Quist', 'Cato Kok', 'Daan Dijk']) await app.students.add({ displayName: name, schoolType: 'havo' });
    await expect.poll(() => page.locator('.toast').count()).toBe(3);
    expect(await page.locator('.toast').filter({ hasText: 'Anna Aalders' }).count()).toBe(0);
    const toasts = (await page.locator('.toasts').boundingBox())!;
    const sidebar = (await page.locator('.sidebar').boundingBox())!;
    const add = (await page.locator('.header-actions').getByRole('button', { name: `+ ${nl.students.add}` }).boundingBox())!;
    expect(toasts.x).toBeGreaterThanOrEqual(sidebar.x + sidebar.width);
    // Not over the button just used.
    expect(toasts.x + toasts.width <= add.x || toasts.y >= add.y + add.height).toBe(true);
    // They go by themselves.
    await expect.poll(() => page.locator('.toast').count(), { timeout: 12_000 }).toBe(0);
  }, 60_000);
});
