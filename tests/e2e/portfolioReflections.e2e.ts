import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

/**
 * The portfolio with the student's reflections, through the export dialog: the reflection's
 * text goes in by default with its boundary experience marked, the mentor can untick a
 * dialogue or tick external conversations, and private notes stay out unless ticked.
 */
const nl = catalogs.nl;
const ex = nl.exporting;
const pf = nl.portfolio.dialog;
const FILE = 'Sanne-de-Vries-portfolio.docx';

let app: (App & { d: DialoguePage }) | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

async function withReflection(): Promise<App & { d: DialoguePage }> {
  const opened = await openUnlockedApp();
  await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3', mentor: 'M. Jansen' });
  const d = new DialoguePage(opened.page);
  await d.openStudent('Sanne de Vries');
  await d.newDialogue('Interne dialoog — reflectie op een ervaring', { title: 'Eerste stageweek', heldOn: '2026-11-12' });
  await d.typeInSection('Wat heb je meegemaakt?', 'Mijn begeleider liet me een fout verzwijgen voor de klant.');
  await d.typeInSection('Wat vind je belangrijk?', 'Ik wil eerlijk kunnen zijn in mijn werk.');
  await d.selectText('een fout verzwijgen');
  await d.openTagDialog();
  await d.fillTag('Grenservaring', { dilemmaType: 'ethical', context: 'internship' });
  await d.saveTag();
  await d.waitSaved();
  await d.backToStudent('Sanne de Vries');
  await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Gesprek met mentor', heldOn: '2026-11-20' });
  await d.typeInSection('Ervaring delen', 'Sanne vertelde over haar eerste stageweek.');
  await d.typeInSection('Notities mentor (privé)', 'Geheime notitie van de mentor.');
  await d.waitSaved();
  await d.backToStudent('Sanne de Vries');
  return { ...opened, d };
}

async function openDialog(page: App['page']) {
  await page.getByRole('button', { name: ex.portfolioButton }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(ex.from, { exact: true }).fill('2026-11-01');
  await dialog.getByLabel(ex.to, { exact: true }).fill('2026-11-30');
  await dialog.getByText(pf.chosen_other.replace('{{count}}', '2').replace('{{total}}', '2')).waitFor();
  return dialog;
}

async function save(page: App['page'], dialog: Awaited<ReturnType<typeof openDialog>>): Promise<{ document: string; footnotes: string }> {
  await dialog.getByRole('button', { name: ex.save }).click();
  await page.getByText(`${FILE} is opgeslagen in`).waitFor();
  const zip = await JSZip.loadAsync(await readFile(join(app!.harness.exportsDir, FILE)));
  return { document: await zip.file('word/document.xml')!.async('string'), footnotes: (await zip.file('word/footnotes.xml')?.async('string')) ?? '' };
}

describe('portfolio with reflections', () => {
  it('puts the reflection in by default with the boundary experience marked, and no external or private text', async () => {
    app = await withReflection();
    const dialog = await openDialog(app.page);
    // Defaults: activities and reflections on, external conversations and private notes off.
    expect(await dialog.getByLabel(pf.activities).isChecked()).toBe(true);
    expect(await dialog.getByLabel(pf.reflections).isChecked()).toBe(true);
    expect(await dialog.getByLabel(pf.external).isChecked()).toBe(false);
    expect(await dialog.getByLabel(ex.includePrivate).isChecked()).toBe(false);
    await dialog.getByText(/1 reflectie\.$/).waitFor();
    await dialog.getByText(`— Gesprek met mentor · ${pf.roles.external} · ${pf.withPrivate}`, { exact: false }).waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
    const { document, footnotes } = await save(app.page, dialog);
    expect(document).toContain('Ik wil eerlijk kunnen zijn in mijn werk.');
    expect(document).toMatch(/<w:rStyle w:val="BoundaryMark"\/>(?:(?!<\/w:r>)[\s\S])*een fout verzwijgen/);
    expect(footnotes).toContain('Grenservaring — ethisch, stage');
    expect(document).not.toContain('Sanne vertelde over haar eerste stageweek.');
    expect(document).not.toContain('Geheime notitie');
  });

  it('leaves out an unticked dialogue and takes external conversations in when ticked, still without private notes', async () => {
    app = await withReflection();
    const dialog = await openDialog(app.page);
    await dialog.getByLabel(/Eerste stageweek/).uncheck();
    await dialog.getByText(pf.chosen_one.replace('{{count}}', '1').replace('{{total}}', '2')).waitFor();
    await dialog.getByText(/^1 gesprek, 0 loopbaanactiviteiten/).waitFor();
    await dialog.getByLabel(pf.external).check();
    const { document } = await save(app.page, dialog);
    expect(document).not.toContain('Ik wil eerlijk kunnen zijn in mijn werk.');
    expect(document).not.toContain('Eerste stageweek');
    expect(document).toContain('Sanne vertelde over haar eerste stageweek.');
    expect(document).not.toContain('Geheime notitie');
  });
});
