import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

describe('Vandaag', () => {
  it('shows the open draft across students, in the singular, and leads straight to it', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    const d = new DialoguePage(app.page);
    await d.openStudent('Sanne de Vries');
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Stage-evaluatie', heldOn: '2026-11-20' });
    await d.waitSaved();
    await app.page.getByRole('button', { name: nl.nav.today }).click();
    await app.page.getByRole('heading', { name: nl.today.title, level: 1 }).waitFor();
    await app.page.getByRole('heading', { name: '1 gesprek nog niet definitief' }).waitFor();
    // A student added today has not been quiet for weeks.
    await app.page.getByText(nl.today.noQuiet).waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
    await app.page.getByRole('button', { name: 'Stage-evaluatie' }).click();
    await app.page.getByRole('heading', { name: /Stage-evaluatie/ }).first().waitFor();
  });

  it('after unlocking, brings the mentor back to the dialogue they were on', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    const d = new DialoguePage(app.page);
    await d.openStudent('Sanne de Vries');
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Terug naar hier', heldOn: '2026-11-20' });
    await d.waitSaved();
    await app.vault.lock();
    expect(await app.page.content()).not.toContain('Terug naar hier');
    await app.vault.unlock(PASSPHRASE);
    await app.page.getByRole('heading', { name: /Terug naar hier/ }).first().waitFor();
  });

  it('Ctrl+K finds a student by a folded name and a dialogue by its title, keyboard only', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Emre Yılmaz', schoolType: 'vmbo-t' });
    const d = new DialoguePage(app.page);
    await d.openStudent('Emre Yılmaz');
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Stagekeuze', heldOn: '2026-11-20' });
    await d.waitSaved();
    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await app.page.keyboard.press('Control+k');
    const box = app.page.getByRole('combobox', { name: nl.quickFind.label });
    await box.waitFor();
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
    await app.page.keyboard.type('yilm');
    await app.page.getByRole('option', { name: `Emre Yılmaz ${nl.quickFind.student}` }).waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('heading', { name: 'Emre Yılmaz', level: 1 }).waitFor();
    await app.page.keyboard.press('Control+k');
    await app.page.keyboard.type('stagek');
    await app.page.getByRole('option', { name: /Stagekeuze/ }).waitFor();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('heading', { name: /Stagekeuze/ }).first().waitFor();
  });
});
