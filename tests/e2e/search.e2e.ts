import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { STAGE_VTT } from '../tour/steps/dialogueWorkspace';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const ins = nl.insights;
let app: (App & { d: DialoguePage }) | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

async function withTranscript(): Promise<App & { d: DialoguePage }> {
  const opened = await openUnlockedApp();
  await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3', cohort: '2025', mentor: 'M. Jansen' });
  const d = new DialoguePage(opened.page);
  await d.openStudent('Sanne de Vries');
  await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Stagegesprek' });
  await d.importTranscript(STAGE_VTT, { section: 'Ervaring delen' });
  await d.confirmImport();
  await d.waitSaved();
  return { ...opened, d };
}

async function search(current: App, query: string): Promise<void> {
  await current.page.getByRole('navigation').getByRole('button', { name: ins.nav.search }).click();
  await current.page.getByLabel(ins.search.query).fill(query);
  await current.page.getByRole('search').getByRole('button', { name: ins.search.submit }).click();
}

describe('full-text search', () => {
  it('finds words without diacritics and opens the dialogue at the highlighted hit', async () => {
    app = await withTranscript();
    await search(app, 'client');
    await app.page.locator('.hit mark').first().waitFor();
    expect((await app.page.locator('.hit mark').first().textContent())?.toLowerCase()).toContain('cliënt');
    expect(await a11yViolations(app.page)).toEqual([]);
    await app.page.locator('.hit').first().click();
    await app.page.locator('.dialogue-editor mark.search-hit').first().waitFor();
  });

  it('treats search syntax it cannot use as plain words, never as an error', async () => {
    app = await withTranscript();
    for (const query of ['"rooster', '*', 'AND', 'NEAR(', 'rooster:', '((', '-douchen']) {
      await search(app, query);
      await app.page.getByRole('status').filter({ hasText: /resulta|Niets gevonden/ }).first().waitFor();
      expect(await app.page.getByRole('alert').count()).toBe(0);
    }
  });

  it('cuts a 10,000-character query and says so', async () => {
    app = await withTranscript();
    await search(app, 'rooster '.repeat(1250));
    await app.page.getByText(/De zoekvraag was te lang en is ingekort/).waitFor();
  });
});

describe('tag search, timeline and group overview', () => {
  it('lists tagged passages across students, shows the timeline and the group', async () => {
    app = await withTranscript();
    await app.d.selectText('Mevrouw Bakker wilde per se douchen');
    await app.d.openTagDialog();
    await app.d.fillTag('Grenservaring', { dilemmaType: 'quality' });
    await app.d.saveTag();
    await app.d.waitSaved();
    await app.page.getByRole('navigation').getByRole('button', { name: ins.nav.search }).click();
    await app.page.getByRole('tab', { name: ins.search.tagTab }).click();
    await app.page.getByLabel(ins.search.tagCode).selectOption({ label: 'Grenservaring' });
    await app.page.getByText('“Mevrouw Bakker wilde per se douchen”').waitFor();
    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await app.d.openStudent('Sanne de Vries');
    await app.page.locator('.timeline-table tbody tr').first().waitFor();
    await app.page.getByRole('button', { name: ins.nav.groups }).click();
    await app.page.getByRole('rowheader', { name: /Sanne de Vries/ }).waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
  });
});
