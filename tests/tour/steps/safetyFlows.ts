import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { DialoguePage } from '../../harness/pages/DialoguePage';
import type { TourContext } from '../context';
import { openSection } from '../../harness/pages/sections';

const sf = catalogs.nl.safety;

/** Issue 5: backup, a later dialogue, restore (the dialogue is gone), handover, erasure. */
export async function safetyFlows(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const d = new DialoguePage(page);
  const backupsDir = join(ctx.outDir, 'backups');

  await run.step('backup-gemaakt', async () => {
    await openSection(page, 'Instellingen');
    await page.getByRole('button', { name: sf.backups.chooseFolder }).click();
    await page.getByTestId('backup-folder').filter({ hasText: 'backups' }).waitFor();
    await page.getByRole('button', { name: sf.backups.runNow }).click();
    await page.getByText(/Back-up gemaakt en gecontroleerd: .*\.lbdbackup\./).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: sf.backups.list }).scrollIntoViewIfNeeded();
  });
  const backups = (await readdir(backupsDir)).filter((name) => name.endsWith('.lbdbackup'));
  assert.equal(backups.length, 1, 'one backup file in <dir>/backups');
  const head = (await readFile(join(backupsDir, backups[0]!))).subarray(0, 64).toString('latin1');
  assert.ok(!head.includes('SQLite format 3'), 'the backup is not a plain SQLite file');

  await run.step('gesprek-na-backup', async () => {
    await page.getByRole('button', { name: 'Leerlingen' }).click();
    await d.openStudent('Youssef El Amrani');
    await d.newDialogue('Intake — vraagsturing', { title: 'Intake na de back-up' });
    await d.typeInSection('Wat wil je hier halen?', 'Ik wil weten of de zorg bij mij past.');
    await d.waitSaved();
    await d.backToStudent('Youssef El Amrani');
    await page.getByRole('button', { name: /Intake na de back-up/ }).waitFor();
  });
  await run.step('backup-teruggezet', async () => {
    await openSection(page, 'Instellingen');
    await page.getByRole('button', { name: new RegExp(`^${sf.backups.restore}: `) }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: sf.backups.restore }).click();
    await page.getByText(/Back-up van .* teruggezet\./).waitFor({ timeout: 60_000 });
  });
  await run.step('gesprek-is-weg', async () => {
    await page.getByRole('button', { name: 'Leerlingen' }).click();
    await d.openStudent('Youssef El Amrani');
    await page.getByText(catalogs.nl.dialogue.studentPage.noDialogues).waitFor();
  });
  await run.step('overdracht-geexporteerd', async () => {
    await page.getByRole('button', { name: catalogs.nl.dialogue.studentPage.back }).click();
    await d.openStudent('Sanne de Vries');
    await page.getByRole('button', { name: sf.more }).click();
    await page.getByRole('menuitem', { name: sf.handover.exportButton }).click();
    await page.getByRole('dialog').getByLabel(sf.handover.passphrase, { exact: true }).fill('overdracht naar mentor Bakker 2027');
    await page.getByRole('dialog').locator('.strength-text').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: sf.handover.save }).click();
    await page.getByText(/overdracht-[0-9A-Z-]+\.ldho is opgeslagen in/).waitFor();
  });
  await run.step('leerling-wissen', async () => {
    await page.getByRole('button', { name: catalogs.nl.dialogue.studentPage.back }).click();
    await d.openStudent('Youssef El Amrani');
    await page.getByRole('button', { name: sf.more }).click();
    await page.getByRole('menuitem', { name: sf.erase.button }).click();
    await page.getByRole('alertdialog').getByLabel(sf.erase.confirmLabel).fill('Youssef El Amrani');
  });
  await run.step('leerling-gewist', async () => {
    await page.getByRole('alertdialog').getByRole('button', { name: sf.erase.confirm }).click();
    await page.getByText(sf.erase.done).waitFor();
    await page.getByRole('heading', { name: catalogs.nl.students.title, level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Youssef El Amrani', exact: true }).count(), 0);
  });
}
