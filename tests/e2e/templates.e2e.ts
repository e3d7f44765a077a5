import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api';
import { clientFor } from '../harness/clientFor';
import { BUILTIN_TEMPLATES } from '../../shared/builtins/templates';
import { catalogs } from '../../shared/i18n';
import { TemplatesPage } from '../harness/pages/TemplatesPage';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const tp = nl.templates;
const ed = tp.editor;
const INTAKE = 'Intake — vraagsturing';
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

/** The same API the renderer has, straight on the harness's backend, to check what was stored. */
function backendApi(opened: App): Api {
  return clientFor(opened.harness.backend);
}

async function latest(api: Api, name: string) {
  return (await api.templates.list({ includeArchived: true })).find((template) => template.name === name)!;
}

describe('templates', () => {
  it('lists the five built-ins in Dutch, and in English after switching the language', async () => {
    app = await openUnlockedApp();
    const templates = new TemplatesPage(app.page);
    await templates.open();
    expect(await templates.names()).toEqual(BUILTIN_TEMPLATES.map((template) => template.name.nl));
    expect(await templates.details(INTAKE)).toEqual({ kind: tp.kinds.external, version: '1', sections: '6 onderdelen', badges: [tp.builtin] });
    expect((await templates.details('Loopbaandossier-activiteit')).kind).toBe(tp.kinds.internal);
    await app.page.getByText(tp.versionsNote).waitFor();

    await app.page.getByRole('button', { name: nl.nav.settings }).click();
    await app.vault.switchLanguage('en');
    const english = new TemplatesPage(app.page, 'en');
    await english.open();
    expect(await english.names()).toEqual(BUILTIN_TEMPLATES.map((template) => template.name.en));
    expect(await english.details('Intake — student-led questions')).toEqual({
      kind: catalogs.en.templates.kinds.external, version: '1', sections: '6 sections', badges: [catalogs.en.templates.builtin],
    });
  });

  it('copies the Intake template, edits the copy and saves each edit as a new version', async () => {
    app = await openUnlockedApp();
    const templates = new TemplatesPage(app.page);
    await templates.open();
    await templates.copy(INTAKE);
    await app.page.getByText(ed.basedOn.replace('{{version}}', '1')).waitFor();
    await app.page.getByText(tp.versionsNote).waitFor();
    expect(await app.page.getByLabel(ed.name).inputValue()).toBe(`Kopie van ${INTAKE}`);
    const original = await templates.sectionTitles();
    expect(original).toEqual(BUILTIN_TEMPLATES.find((template) => template.key === 'intake')!.sections.map((section) => section.title.nl));

    await templates.setName('Intake — onze school');
    await templates.addSection('Stage-ervaring', 'Wat deed je op je stage, en wat viel je op?');
    await templates.moveUp('Stage-ervaring');
    expect(await templates.sectionTitles()).toEqual([...original.slice(0, -1), 'Stage-ervaring', original.at(-1)]);
    const added = templates.section(6, 'Stage-ervaring');
    await added.getByLabel(ed.competence).selectOption({ label: tp.competences.exploration });
    await templates.setPrivate(6, 'Stage-ervaring', true);
    expect(await templates.save()).toBe('Versie 2 opgeslagen — gesprekken met een eerdere versie houden die versie.');
    expect(await templates.details('Intake — onze school')).toEqual({ kind: tp.kinds.external, version: '2', sections: '7 onderdelen', badges: [] });

    const api = backendApi(app);
    const v2 = await latest(api, 'Intake — onze school');
    expect(v2.sections.map((section) => section.key)).toEqual(['background', 'goal', 'service', 'profession', 'agreements', 'stage-ervaring', 'mentor-notes']);
    expect(v2.sections[5]).toEqual({
      key: 'stage-ervaring', title: 'Stage-ervaring', prompt: 'Wat deed je op je stage, en wat viel je op?', competence: 'exploration', private: true,
    });

    // Edit again: another version; the earlier one stays as it was for the dialogues that use it.
    await templates.edit('Intake — onze school');
    await app.page.getByText(ed.basedOn.replace('{{version}}', '2')).waitFor();
    await templates.titleInput(templates.section(1, 'Voorgeschiedenis')).fill('Wie ben je?');
    await templates.addSection('Stage-ervaring');
    expect(await templates.save()).toBe('Versie 3 opgeslagen — gesprekken met een eerdere versie houden die versie.');
    const v3 = await latest(api, 'Intake — onze school');
    expect(v3.version).toBe(3);
    // An existing section keeps its key when retitled; a new one with the same title gets a unique key.
    expect(v3.sections.map((section) => section.key)).toEqual([...v2.sections.map((section) => section.key), 'stage-ervaring-2']);
    expect(v3.sections[0]!.title).toBe('Wie ben je?');
    expect((await api.templates.get({ versionId: v2.id })).sections[0]!.title).toBe('Voorgeschiedenis');
    // The built-in itself is untouched.
    expect(await templates.details(INTAKE)).toMatchObject({ version: '1', sections: '6 onderdelen' });
  });

  it('does not let a built-in template be edited directly', async () => {
    app = await openUnlockedApp();
    const templates = new TemplatesPage(app.page);
    await templates.open();
    for (const { name } of BUILTIN_TEMPLATES) {
      const row = templates.row(name.nl);
      expect(await row.getByRole('button', { name: `${tp.edit}: ${name.nl}` }).count()).toBe(0);
      expect(await row.getByRole('button', { name: `${tp.archive}: ${name.nl}` }).count()).toBe(0);
      expect(await row.getByRole('button', { name: `${tp.copy}: ${name.nl}` }).count()).toBe(1);
    }
    const api = backendApi(app);
    const intake = await latest(api, INTAKE);
    await expect(api.templates.saveVersion({ templateId: intake.templateId, name: 'Anders', kind: 'external', sections: intake.sections }))
      .rejects.toMatchObject({ code: 'READ_ONLY' });
  });

  it('asks before leaving the editor with unsaved changes, also through the sidebar', async () => {
    app = await openUnlockedApp();
    const templates = new TemplatesPage(app.page);
    await templates.open();
    await templates.copy(INTAKE);
    // Nothing changed yet: back goes straight to the list.
    await app.page.getByRole('button', { name: ed.back }).click();
    await templates.waitForList();

    await templates.edit(`Kopie van ${INTAKE}`);
    await templates.setName('Nog niet opgeslagen');
    await app.page.getByRole('button', { name: ed.back }).click();
    // A question before discarding: an alert dialog, like every ConfirmDialog.
    const dialog = app.page.getByRole('alertdialog', { name: ed.discardTitle });
    await dialog.getByText(ed.discardBody).waitFor();
    await dialog.getByRole('button', { name: ed.keepEditing }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await app.page.getByLabel(ed.name).inputValue()).toBe('Nog niet opgeslagen');

    await app.page.getByRole('navigation').getByRole('button', { name: nl.nav.students }).click();
    await dialog.waitFor();
    expect(await app.page.getByLabel(ed.name).inputValue()).toBe('Nog niet opgeslagen');
    await dialog.getByRole('button', { name: ed.discard }).click();
    await app.students.waitForList();

    await templates.open();
    expect(await templates.names()).toContain(`Kopie van ${INTAKE}`);
    expect(await templates.names()).not.toContain('Nog niet opgeslagen');
  });

  it('asks for a title before saving, and keeps the focus with a section that moves', async () => {
    app = await openUnlockedApp();
    const templates = new TemplatesPage(app.page);
    await templates.open();
    await templates.copy('Loopbaandossier-activiteit');
    await app.page.getByRole('button', { name: `+ ${ed.addSection}` }).click();
    // The new section's title has the focus.
    expect(await app.page.evaluate(() => document.activeElement?.id.endsWith('-title'))).toBe(true);
    await app.page.getByRole('button', { name: ed.save }).click();
    await app.page.getByRole('alert').filter({ hasText: ed.titleMissing }).waitFor();
    expect(await app.page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('');
    await app.page.keyboard.type('Reflectie');

    const up = app.page.getByRole('button', { name: ed.moveUpLabel.replace('{{title}}', 'Reflectie') });
    await up.focus();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    expect(await templates.sectionTitles()).toEqual(['Doel', 'Resultaat', 'Reflectie', 'Evaluatie', 'Vervolg']);
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(ed.moveUpLabel.replace('{{title}}', 'Reflectie'));
    await app.page.getByRole('status').filter({ hasText: 'Onderdeel "Reflectie" staat nu op plaats 3.' }).waitFor({ state: 'attached' });

    await templates.remove('Resultaat');
    expect(await templates.sectionTitles()).toEqual(['Doel', 'Reflectie', 'Evaluatie', 'Vervolg']);
    expect(await templates.save()).toBe('Versie 2 opgeslagen — gesprekken met een eerdere versie houden die versie.');
  });

  it('archives a template of the mentor\'s own and restores it', async () => {
    app = await openUnlockedApp();
    const templates = new TemplatesPage(app.page);
    await templates.open();
    await templates.copy(INTAKE);
    await app.page.getByRole('button', { name: ed.back }).click();
    const name = `Kopie van ${INTAKE}`;
    await app.page.getByRole('button', { name: `${tp.archive}: ${name}` }).click();
    await app.page.locator('.toast').filter({ hasText: `"${name}" is gearchiveerd.` }).waitFor();
    await templates.row(name).waitFor({ state: 'detached' });
    await app.page.getByLabel(tp.showArchived).check();
    expect((await templates.details(name)).badges).toEqual([tp.archived]);
    await templates.dismissToasts();
    await app.page.getByRole('button', { name: `${tp.restore}: ${name}` }).click();
    await app.page.getByLabel(tp.showArchived).uncheck();
    expect(await templates.names()).toContain(name);
  });

  it('has no serious or critical axe violations on the list, the editor and the discard question', async () => {
    app = await openUnlockedApp();
    const templates = new TemplatesPage(app.page);
    await templates.open();
    expect(await a11yViolations(app.page)).toEqual([]);
    await templates.copy(INTAKE);
    expect(await a11yViolations(app.page)).toEqual([]);
    await templates.setName('Iets anders');
    await app.page.getByRole('button', { name: ed.back }).click();
    await app.page.getByRole('alertdialog').waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
  });
});
