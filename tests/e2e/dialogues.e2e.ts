import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dialogue } from '../../shared/dialogueSchemas';
import { docText } from '../../shared/editorDoc';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { STAGE_VTT } from '../tour/steps/dialogueWorkspace';
import { type App, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const INTERNAL = 'Interne dialoog — reflectie op een ervaring';
const EXTERNAL = 'Externe dialoog — loopbaangesprek';
const SHOWER = 'Mevrouw Bakker wilde per se douchen';

let app: (App & { d: DialoguePage }) | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

async function withStudent(): Promise<App & { d: DialoguePage }> {
  const opened = await openUnlockedApp();
  await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3', mentor: 'M. Jansen' });
  const d = new DialoguePage(opened.page);
  await d.openStudent('Sanne de Vries');
  return { ...opened, d };
}

async function storedDialogue(current: App, title: string): Promise<Dialogue> {
  const students = await current.harness.backend.dispatch('students:list', {});
  const studentId = (students as { value: { id: string }[] }).value[0]!.id;
  const list = await current.harness.backend.dispatch('dialogues:list', { studentId });
  const summary = (list as { value: { id: string; title: string }[] }).value.find((item) => item.title === title)!;
  return ((await current.harness.backend.dispatch('dialogues:get', { id: summary.id })) as { value: Dialogue }).value;
}

describe('writing a dialogue', () => {
  it('keeps typed text through an immediate lock, before autosave would have run', async () => {
    app = await withStudent();
    await app.d.newDialogue(INTERNAL, { title: 'Vergrendeltest' });
    await app.d.typeInSection('Wat heb je meegemaakt?', 'Net getypt, meteen vergrendeld.');
    // Ctrl+Shift+L straight after typing: the lock waits for the pending save.
    await app.page.keyboard.press('Control+Shift+L');
    await app.vault.waitForUnlock();
    await app.vault.unlock(PASSPHRASE);
    // Unlocking goes back to the dialogue the mentor was in, with the text that was typed.
    await app.page.getByText('Net getypt, meteen vergrendeld.').waitFor();
    const stored = await storedDialogue(app, 'Vergrendeltest');
    expect(docText(stored.content)).toContain('Net getypt, meteen vergrendeld.');
  });

  it('keeps everything typed while saves were already in flight', async () => {
    app = await withStudent();
    await app.d.newDialogue(INTERNAL, { title: 'Doortypen' });
    await app.d.section('Wat deed dat met je?').locator('.section-body p').last().click();
    const words = Array.from({ length: 40 }, (_, index) => `woord${index}`);
    for (const word of words) await app.page.keyboard.type(`${word} `, { delay: 15 });
    await app.d.waitSaved();
    const stored = await storedDialogue(app, 'Doortypen');
    expect(docText(stored.content)).toContain(words.join(' '));
    // Every autosave sent only what changed (docPatch.ts), never the whole document.
    const saves = app.harness.requests.filter((channel) => channel.startsWith('dialogues:save'));
    expect(saves.length).toBeGreaterThan(0);
    expect(new Set(saves)).toEqual(new Set(['dialogues:savePatch']));
  });

  it('says when a save fails, keeps the text, does not retry on a timer, and saves on Opnieuw proberen', async () => {
    const current = app = await withStudent();
    await current.d.newDialogue(INTERNAL, { title: 'Schijf vol' });
    const backend = current.harness.backend;
    const dispatch = backend.dispatch.bind(backend);
    let failingSaves = 0;
    backend.dispatch = async (channel, request) => {
      if (channel === 'dialogues:save' || channel === 'dialogues:savePatch') {
        failingSaves += 1;
        return { ok: false, error: { code: 'DISK_FULL' } };
      }
      return dispatch(channel, request);
    };
    try {
      await app.d.typeInSection('Wat heb je meegemaakt?', 'Dit mag niet verloren gaan.');
      const retry = app.page.getByRole('button', { name: nl.dialogue.screen.retry });
      await retry.waitFor();
      const attempts = failingSaves;
      // Autosave would have run several times by now if a failure were retried on a timer.
      await app.page.waitForTimeout(2_500);
      expect(failingSaves).toBe(attempts);
      await expect.poll(() => current.page.locator('.dialogue-editor').innerText()).toContain('Dit mag niet verloren gaan.');
    } finally {
      backend.dispatch = dispatch;
    }
    await app.page.getByRole('button', { name: nl.dialogue.screen.retry }).click();
    await app.d.waitSaved();
    expect(docText((await storedDialogue(app, 'Schijf vol')).content)).toContain('Dit mag niet verloren gaan.');
  });

  it('survives a renderer crash: text that had a moment to save is there in a new window', async () => {
    app = await withStudent();
    await app.d.newDialogue(INTERNAL, { title: 'Crashtest' });
    await app.d.typeInSection('Wat heb je meegemaakt?', 'Dit moet een crash overleven.');
    await app.page.waitForTimeout(1000);
    const cdp = await app.page.context().newCDPSession(app.page);
    // The crashed page never answers; give the call a moment, then carry on.
    await Promise.race([cdp.send('Page.crash').catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))]);
    const second = await app.harness.newPage();
    const d = new DialoguePage(second);
    await second.getByRole('button', { name: 'Sanne de Vries', exact: true }).click();
    await second.getByRole('button', { name: /Crashtest/ }).click();
    await second.getByText('Dit moet een crash overleven.').waitFor();
    expect(await d.section('Wat heb je meegemaakt?').textContent()).toContain('Dit moet een crash overleven.');
  });

  it('says so when another window changed the dialogue, and keeps this window’s text on screen', async () => {
    app = await withStudent();
    await app.d.newDialogue(INTERNAL, { title: 'Twee vensters' });
    const second = await app.harness.newPage();
    const d2 = new DialoguePage(second);
    await second.getByRole('button', { name: 'Sanne de Vries', exact: true }).click();
    await second.getByRole('button', { name: /Twee vensters/ }).click();
    await d2.typeInSection('Wat heb je meegemaakt?', 'Uit venster twee.');
    await d2.waitSaved();
    await app.d.typeInSection('Wat heb je meegemaakt?', 'Uit venster een.');
    await app.page.getByText(nl.dialogue.screen.conflict).waitFor();
    expect(await app.d.section('Wat heb je meegemaakt?').textContent()).toContain('Uit venster een.');
    expect(docText((await storedDialogue(app, 'Twee vensters')).content)).toContain('Uit venster twee.');
    await app.page.getByRole('button', { name: nl.dialogue.screen.reload }).click();
    await app.d.section('Wat heb je meegemaakt?').getByText('Uit venster twee.').waitFor();
  });

  it('has undo and redo and a word count', async () => {
    app = await withStudent();
    await app.d.newDialogue(INTERNAL, { title: 'Ongedaan' });
    await app.d.typeInSection('Wat heb je meegemaakt?', 'een twee drie');
    await app.d.waitSaved();
    await app.page.getByText('3 woorden').waitFor();
    await app.page.keyboard.press('Control+z');
    await app.d.waitSaved();
    expect(docText((await storedDialogue(app, 'Ongedaan')).content)).not.toContain('een twee drie');
    await app.page.keyboard.press('Control+y');
    await app.d.waitSaved();
    expect(docText((await storedDialogue(app, 'Ongedaan')).content)).toContain('een twee drie');
  });
});

describe('placements', () => {
  it('adds an internship placement while starting a dialogue and offers it next time', async () => {
    app = await withStudent();
    await app.page.getByRole('button', { name: `+ ${nl.dialogue.studentPage.newDialogue}` }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByLabel(nl.dialogue.create.placement).selectOption('new');
    await dialog.getByLabel(nl.dialogue.create.organisation).fill('Thuiszorg De Linde');
    await dialog.getByLabel(nl.dialogue.create.titleField).fill('Met stage');
    await dialog.getByRole('button', { name: nl.dialogue.create.start }).click();
    await app.page.locator('.dialogue-editor').waitFor();
    const stored = await storedDialogue(app, 'Met stage');
    expect(stored.placementId).not.toBeNull();
    await app.d.backToStudent('Sanne de Vries');
    await app.page.getByRole('button', { name: `+ ${nl.dialogue.studentPage.newDialogue}` }).click();
    // The options arrive after the dialog opens: wait for them instead of reading them at once.
    const placement = app.page.getByRole('dialog').getByLabel(nl.dialogue.create.placement);
    await placement.locator('option', { hasText: 'Thuiszorg De Linde' }).waitFor({ state: 'attached' });
    expect(await placement.locator('option').allTextContents()).toContain('Thuiszorg De Linde');
  });
});

describe('importing a transcript', () => {
  it('imports the Teams VTT as speaker turns with roles, pseudonymising a name', async () => {
    app = await withStudent();
    await app.d.newDialogue(EXTERNAL, { title: 'Import' });
    await app.d.importTranscript(STAGE_VTT, { pseudonyms: [['Mevrouw Bakker', 'de cliënt']], section: 'Ervaring delen' });
    const dialog = app.page.getByRole('dialog');
    await dialog.getByText(/beurten van 2 sprekers gevonden/).waitFor();
    expect(await dialog.getByLabel('Mentor Jansen').inputValue()).toBe('mentor');
    await dialog.getByLabel('Sanne de Vries').selectOption('leerling');
    await app.d.confirmImport();
    await app.d.waitSaved();
    const stored = await storedDialogue(app, 'Import');
    const text = docText(stored.content);
    expect(text).toContain('de cliënt wilde per se douchen');
    expect(text).not.toContain('Mevrouw Bakker');
    const turns = stored.content[0]!.children.filter((block) => block.type === 'paragraph' && block.speaker);
    expect(turns.length).toBeGreaterThanOrEqual(9);
    expect(turns.every((turn) => turn.type === 'paragraph' && (turn.role === 'mentor' || turn.role === 'student'))).toBe(true);
  });

  it.each([
    ['rommel.vtt', Buffer.from([0x00, 0xff, 0x13, 0x88, 0x00, 0x00, 0x9c, 0xfe, 0x00, 0x41]), nl.errors.FILE_UNREADABLE],
    ['leeg.txt', Buffer.alloc(0), nl.errors.EMPTY_FILE],
    ['verslag.pdf', Buffer.from('%PDF-1.7'), nl.errors.UNSUPPORTED_FILE],
  ])('refuses %s with a clear message and changes nothing', async (name, bytes, message) => {
    app = await withStudent();
    await app.d.newDialogue(EXTERNAL, { title: 'Fout bestand' });
    const before = (await storedDialogue(app, 'Fout bestand')).revision;
    const file = join(tmpdir(), `${Date.now()}-${name}`);
    await writeFile(file, bytes);
    await app.page.getByRole('button', { name: nl.dialogue.screen.import }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByLabel(nl.dialogue.importer.file).setInputFiles(file);
    await dialog.getByRole('button', { name: nl.dialogue.importer.read }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toBe(message);
    expect(await dialog.getByRole('button', { name: nl.dialogue.importer.insert }).isDisabled()).toBe(true);
    expect((await storedDialogue(app, 'Fout bestand')).revision).toBe(before);
  });
});

describe('tagging', () => {
  async function importedDialogue(): Promise<App & { d: DialoguePage }> {
    const opened = await withStudent();
    await opened.d.newDialogue(EXTERNAL, { title: 'Taggen' });
    await opened.d.importTranscript(STAGE_VTT, { section: 'Ervaring delen' });
    await opened.d.confirmImport();
    await opened.d.waitSaved();
    return opened;
  }

  it('tags overlapping passages; the tags stay on their words while text around them changes', async () => {
    app = await importedDialogue();
    await app.d.selectText(SHOWER);
    await app.d.openTagDialog();
    await app.d.fillTag('Grenservaring', { dilemmaType: 'quality', context: 'internship', memo: 'Zorg tegen rooster' });
    await app.d.saveTag();
    await app.d.selectText('per se douchen');
    // The keyboard way in: Ctrl+Shift+T opens the tag dialog for the selection.
    await app.page.keyboard.press('Control+Shift+T');
    await app.page.getByRole('dialog').waitFor();
    await app.d.fillTag('Motievenreflectie');
    await app.d.saveTag();
    // Type before the tagged words: the tags must stay on "Mevrouw Bakker …", not shift.
    await app.d.selectText('Best goed');
    await app.page.keyboard.press('Home');
    await app.page.keyboard.type('Nou, ');
    await app.d.waitSaved();
    const stored = await storedDialogue(app, 'Taggen');
    const quotes = stored.annotations.map((annotation) => annotation.quote).sort();
    expect(quotes).toEqual([SHOWER, 'per se douchen'].sort());
    const boundary = stored.annotations.find((annotation) => annotation.quote === SHOWER)!;
    expect(boundary.attributes).toEqual({ dilemmaType: 'quality', context: 'internship' });
    expect(boundary.memo).toBe('Zorg tegen rooster');
    expect(docText(stored.content)).toContain('Nou, Best goed');
  });

  it('jumps from the panel to the passage, edits and removes a tag', async () => {
    app = await importedDialogue();
    await app.d.selectText(SHOWER);
    await app.d.openTagDialog();
    await app.d.fillTag('Werkexploratie', { memo: 'eerste memo' });
    await app.d.saveTag();
    await app.d.waitSaved();
    await app.d.tagPanel().getByRole('button', { name: new RegExp(`^Ga naar fragment: ${SHOWER}`) }).click();
    await expect.poll(() => app!.page.evaluate(() => window.getSelection()?.toString())).toBe(SHOWER);
    await app.d.tagPanel().getByRole('button', { name: nl.common.edit }).click();
    await app.page.getByRole('dialog').getByLabel(nl.dialogue.tags.memo).fill('tweede memo');
    await app.d.saveTag();
    await app.d.tagPanel().getByText('tweede memo').waitFor();
    await app.d.tagPanel().getByRole('button', { name: nl.common.edit }).click();
    await app.page.getByRole('dialog').getByRole('button', { name: nl.dialogue.tags.remove }).click();
    await app.d.tagPanel().getByText(nl.dialogue.tags.empty).waitFor();
    await app.d.waitSaved().catch(() => undefined);
    expect((await storedDialogue(app, 'Taggen')).annotations).toEqual([]);
    expect(await app.page.locator('.dialogue-editor .tag').count()).toBe(0);
  });

  it('makes an agreement from a passage tagged Afspraak, and the student page lists it', async () => {
    app = await importedDialogue();
    await app.d.selectText('jij vraagt vóór vrijdag een meeloopdag aan');
    await app.d.openTagDialog();
    await app.d.fillTag('Afspraak');
    await app.d.saveTag();
    await app.d.tagPanel().getByRole('button', { name: nl.dialogue.tags.makeAction }).click();
    const panel = app.page.locator('section.side-panel', { has: app.page.getByRole('heading', { name: nl.dialogue.actions.panel }) });
    expect(await panel.getByLabel(nl.dialogue.actions.text, { exact: true }).inputValue()).toBe('jij vraagt vóór vrijdag een meeloopdag aan');
    await panel.getByLabel(nl.dialogue.actions.dueDate).fill('2020-01-10');
    await panel.getByRole('button', { name: nl.dialogue.actions.add }).click();
    await app.d.backToStudent('Sanne de Vries');
    await app.page.getByText('jij vraagt vóór vrijdag een meeloopdag aan').waitFor();
    await app.page.getByText(nl.dialogue.actions.overdue).waitFor();
  });
});

describe('finalising', () => {
  it('makes the dialogue read-only and takes dated amendments', async () => {
    app = await withStudent();
    await app.d.newDialogue(INTERNAL, { title: 'Definitief' });
    await app.d.typeInSection('Wat heb je meegemaakt?', 'Vastgelegde tekst.');
    await app.d.finalise();
    await app.d.section('Wat heb je meegemaakt?').locator('.section-body p').last().click();
    await app.page.keyboard.type('extra');
    expect(await app.d.section('Wat heb je meegemaakt?').textContent()).not.toContain('extra');
    await app.d.addAmendment('Later toegevoegd.');
    const stored = await storedDialogue(app, 'Definitief');
    expect(stored.status).toBe('final');
    expect(stored.amendments.map((amendment) => amendment.text)).toEqual(['Later toegevoegd.']);
    expect(docText(stored.content)).not.toContain('extra');
  });
});

describe('keyboard and accessibility', () => {
  it('lists the shortcuts in a help overlay opened with F1', async () => {
    app = await withStudent();
    await app.page.keyboard.press('F1');
    const dialog = app.page.getByRole('dialog', { name: catalogs.nl.help.title });
    await dialog.waitFor();
    await dialog.getByText('Ctrl+Shift+T').waitFor();
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('has no serious or critical axe violations on the student page, the workspace and its dialogs', async () => {
    app = await withStudent();
    expect(await a11yViolations(app.page)).toEqual([]);
    await app.d.newDialogue(EXTERNAL, { title: 'Toegankelijk' });
    await app.d.importTranscript(STAGE_VTT);
    expect(await a11yViolations(app.page)).toEqual([]);
    await app.d.confirmImport();
    expect(await a11yViolations(app.page)).toEqual([]);
    await app.d.selectText(SHOWER);
    await app.d.openTagDialog();
    await app.d.fillTag('Grenservaring');
    expect(await a11yViolations(app.page)).toEqual([]);
  });
});
