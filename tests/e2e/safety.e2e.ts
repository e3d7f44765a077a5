import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const sf = nl.safety;
const ks = nl.keySafety;
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.harness.close();
});

async function open(): Promise<App & { d: DialoguePage }> {
  const app = await openUnlockedApp();
  apps.push(app);
  return { ...app, d: new DialoguePage(app.page) };
}

async function toSettings(app: App): Promise<void> {
  await app.page.getByRole('button', { name: nl.nav.settings }).click();
  await app.page.getByRole('heading', { name: sf.backups.title, exact: true }).waitFor();
}

describe('backups', () => {
  it('makes a verified backup, restores it (later work disappears) and brings the previous state back', async () => {
    const app = await open();
    await app.students.add({ displayName: 'Voor de back-up', schoolType: 'havo' });
    await toSettings(app);
    await app.page.getByRole('button', { name: sf.backups.chooseFolder }).click();
    await app.page.getByRole('button', { name: sf.backups.runNow }).click();
    await app.page.getByText(/Back-up gemaakt en gecontroleerd/).waitFor({ timeout: 60_000 });
    const files = await readdir(join(app.harness.profileDir, '..', 'backups'));
    expect(files.filter((name) => name.endsWith('.lbdbackup'))).toHaveLength(1);
    expect(await a11yViolations(app.page)).toEqual([]);

    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await app.students.add({ displayName: 'Na de back-up', schoolType: 'vwo' });
    await toSettings(app);
    await app.page.getByRole('button', { name: new RegExp(`^${sf.backups.restore}: `) }).first().click();
    await app.page.getByRole('alertdialog').getByRole('button', { name: sf.backups.restore }).click();
    await app.page.getByText(/Back-up van .* teruggezet\./).waitFor({ timeout: 60_000 });
    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await app.page.getByRole('button', { name: 'Voor de back-up', exact: true }).waitFor();
    expect(await app.students.names()).toEqual(['Voor de back-up']);

    await app.page.getByRole('button', { name: nl.common.undo }).click();
    await app.page.getByRole('button', { name: nl.nav.settings }).click();
    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await app.page.getByRole('button', { name: 'Na de back-up', exact: true }).waitFor();
  });
});

describe('erasure and retention', () => {
  it('reminds of files past their retention, and erases only after the name is typed', async () => {
    const app = await open();
    await app.students.add({ displayName: 'Oud Dossier', schoolType: 'mbo-2', leavingDate: '2020-06-30' });
    await app.page.reload();
    await app.students.waitForList();
    await app.page.getByText('1 dossier is toe aan verwijdering.').waitFor();
    await app.page.getByRole('button', { name: sf.retention.review }).click();
    await app.page.getByText('Oud Dossier').waitFor();
    await app.page.getByRole('button', { name: sf.erase.button }).click();
    const dialog = app.page.getByRole('alertdialog');
    await dialog.getByLabel(sf.erase.confirmLabel).fill('oud dossier');
    expect(await dialog.getByRole('button', { name: sf.erase.confirm }).isDisabled()).toBe(true);
    expect(await a11yViolations(app.page)).toEqual([]);
    await dialog.getByLabel(sf.erase.confirmLabel).fill('Oud Dossier');
    await dialog.getByRole('button', { name: sf.erase.confirm }).click();
    await app.page.getByText(sf.erase.done).waitFor();
    await app.page.getByText(sf.retention.none).waitFor();
    const list = await app.harness.backend.dispatch('students:list', { includeArchived: true });
    expect(list).toEqual({ ok: true, value: [] });
  });
});

describe('handover', () => {
  it('exports a student for another mentor, who imports it with the transfer passphrase', async () => {
    const from = await open();
    await from.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    await from.d.openStudent('Sanne de Vries');
    await from.d.newDialogue('Intake — vraagsturing', { title: 'Overdrachtsgesprek' });
    await from.d.typeInSection('Wat wil je hier halen?', 'Een stage in de ouderenzorg.');
    await from.d.waitSaved();
    await from.d.backToStudent('Sanne de Vries');
    await from.page.getByRole('button', { name: new RegExp(`^${sf.more}`) }).click();
    await from.page.getByRole('menuitem', { name: sf.handover.exportButton }).click();
    await from.page.getByRole('dialog').getByLabel(sf.handover.passphrase, { exact: true }).fill('overdracht naar mentor Bakker 2027');
    await from.page.getByRole('dialog').locator('.strength-text').waitFor();
    await from.page.getByRole('dialog').getByRole('button', { name: sf.handover.save }).click();
    // Named by date and a short code, never by the student (issue 14).
    await from.page.getByText(/overdracht-\d{8}-[0-9A-Z]{6}\.ldho is opgeslagen in/).waitFor();
    const fileName = (await readdir(from.harness.exportsDir)).find((name) => name.endsWith('.ldho'))!;
    expect(fileName).not.toMatch(/Sanne|Vries/i);
    const file = join(from.harness.exportsDir, fileName);
    expect((await readFile(file)).includes(Buffer.from('Sanne'))).toBe(false);

    const to = await open();
    await to.page.getByRole('button', { name: sf.handover.importButton }).click();
    const dialog = to.page.getByRole('dialog');
    await dialog.getByLabel(sf.handover.file).setInputFiles(file);
    await dialog.getByLabel(sf.handover.passphrase, { exact: true }).fill('verkeerde wachtzin');
    await dialog.getByRole('button', { name: ks.handover.open }).click();
    await dialog.getByText(nl.errors.WRONG_TRANSFER_PASSPHRASE).waitFor();
    await dialog.getByLabel(sf.handover.passphrase, { exact: true }).fill('overdracht naar mentor Bakker 2027');
    await dialog.getByRole('button', { name: ks.handover.open }).click();
    // Step two shows what is in the file before anything happens.
    await dialog.getByText(ks.handover.noMatch).waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('cell', { name: 'Sanne de Vries' }).count()).toBe(1);
    expect(await a11yViolations(to.page)).toEqual([]);
    await dialog.getByRole('button', { name: ks.handover.importNew }).click();
    await to.page.getByText('Sanne de Vries is geïmporteerd.').waitFor();
    await to.d.openStudent('Sanne de Vries');
    await to.page.getByRole('button', { name: /Overdrachtsgesprek/ }).waitFor();
  }, 180_000);

  it('shows the student already here beside the file, and replaces only after that name is typed; undo brings it back', async () => {
    const app = await open();
    await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    await app.d.openStudent('Sanne de Vries');
    await app.page.getByRole('button', { name: new RegExp(`^${sf.more}`) }).click();
    await app.page.getByRole('menuitem', { name: sf.handover.exportButton }).click();
    await app.page.getByRole('dialog').getByLabel(sf.handover.passphrase, { exact: true }).fill('overdracht naar mentor Bakker 2027');
    await app.page.getByRole('dialog').getByRole('button', { name: sf.handover.save }).click();
    await app.page.getByText(/\.ldho is opgeslagen in/).waitFor();
    const file = join(app.harness.exportsDir, (await readdir(app.harness.exportsDir)).find((name) => name.endsWith('.ldho'))!);
    // Since the export, a dialogue was added here: replacing would lose it.
    await app.d.newDialogue('Intake — vraagsturing', { title: 'Na de overdracht' });
    await app.d.waitSaved();
    await app.d.backToStudent('Sanne de Vries');

    await app.page.getByRole('button', { name: nl.nav.students, exact: true }).first().click();
    await app.page.getByRole('button', { name: sf.handover.importButton }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByLabel(sf.handover.file).setInputFiles(file);
    await dialog.getByLabel(sf.handover.passphrase, { exact: true }).fill('overdracht naar mentor Bakker 2027');
    await dialog.getByRole('button', { name: ks.handover.open }).click();
    await dialog.getByText(ks.handover.matchId).waitFor({ timeout: 30_000 });
    // File: no dialogues; here: one.
    const rowText = await dialog.getByRole('row', { name: new RegExp(ks.handover.dialogues) }).textContent();
    expect(rowText).toContain('0');
    expect(rowText).toContain('1');
    await dialog.getByLabel(ks.handover.replace.replace('{{name}}', 'Sanne de Vries')).check();
    const confirm = dialog.getByRole('button', { name: ks.handover.confirm });
    const typed = dialog.getByLabel(ks.handover.confirmLabel.replace('{{name}}', 'Sanne de Vries'));
    await typed.fill('sanne');
    expect(await confirm.isDisabled()).toBe(true);
    expect(await a11yViolations(app.page)).toEqual([]);
    await typed.fill('Sanne de Vries');
    await confirm.click();
    await app.page.getByText(ks.handover.replaced.replace('{{name}}', 'Sanne de Vries')).waitFor();
    const dialogueTitles = async () => {
      const students = await app.harness.backend.dispatch('students:list', { includeArchived: true });
      if (!students.ok) throw new Error('students:list failed');
      const [student] = students.value as { id: string }[];
      const listed = await app.harness.backend.dispatch('dialogues:list', { studentId: student!.id });
      return listed.ok ? (listed.value as { title: string }[]).map((d) => d.title) : [];
    };
    expect(await dialogueTitles()).toEqual([]);
    // The toast's undo puts the vault as it was back.
    await app.page.getByRole('button', { name: nl.common.undo }).click();
    await app.page.getByText(nl.restore.setAside.undone).waitFor({ timeout: 30_000 });
    await app.page.getByRole('button', { name: nl.nav.settings, exact: true }).first().click();
    await app.page.getByRole('button', { name: nl.nav.students, exact: true }).first().click();
    await app.d.openStudent('Sanne de Vries');
    await app.page.getByRole('button', { name: /Na de overdracht/ }).waitFor();
  }, 180_000);
});

describe('audit log and key rotation', () => {
  it('lists events without names, renews the key and still unlocks with the passphrase', async () => {
    const app = await open();
    await app.students.add({ displayName: 'Geheime Naam', schoolType: 'havo' });
    await toSettings(app);
    const audit = app.page.locator('.panel', { has: app.page.getByRole('heading', { name: sf.audit.title }) });
    await audit.getByText(sf.audit.kinds.vault.created).waitFor();
    expect(await audit.textContent()).not.toContain('Geheime Naam');
    await app.page.getByLabel(sf.rotate.passphrase, { exact: true }).fill(PASSPHRASE);
    await app.page.getByRole('button', { name: sf.rotate.run }).click();
    await app.page.getByTestId('new-recovery-key').waitFor({ timeout: 60_000 });
    await app.vault.lock();
    await app.vault.unlock(PASSPHRASE);
    // Unlocking goes back to where the mentor was (settings); the students are all there.
    await app.page.getByRole('heading', { name: nl.nav.settings, level: 1 }).waitFor();
    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await app.students.waitForList();
    // The heading is there before the rows are loaded.
    await expect.poll(() => app.students.names()).toEqual(['Geheime Naam']);
  });
});
