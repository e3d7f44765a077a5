import assert from 'node:assert/strict';
import { catalogs } from '../../../shared/i18n';
import { openSection } from '../../harness/pages/sections';
import type { TourContext } from '../context';

/** Issue 2: create a vault, add two students, lock, a wrong passphrase, unlock, English and back. */
export async function vaultAndStudents(ctx: TourContext): Promise<void> {
  const { run, vault, students, harness } = ctx;
  const page = harness.page;

  await run.step('welkom-nieuwe-kluis', () => vault.waitForCreate());
  await run.step('wachtzin-met-sterkte', () => vault.typeNewPassphrase(ctx.passphrase));
  await run.step('herstelsleutel', async () => {
    const key = await vault.submitCreate();
    assert.match(key, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    ctx.recoveryKey = key;
  });
  await run.step('lege-leerlingenlijst', async () => {
    await vault.confirmRecoveryKey();
    await page.getByRole('heading', { name: catalogs.nl.students.emptyTitle }).waitFor();
  });

  const first = { displayName: 'Sanne de Vries', schoolType: 'mbo-3', programme: 'Verzorgende IG', cohort: '2025', mentor: 'M. Jansen', leavingDate: '2027-07-01' } as const;
  const second = { displayName: 'Youssef El Amrani', schoolType: 'vmbo-k', programme: 'Zorg en welzijn', cohort: '3B', mentor: 'M. Jansen' } as const;
  ctx.secrets.push(first.displayName, second.displayName, first.programme, second.programme);

  await run.step('leerling-toevoegen', async () => {
    await students.openAddDialog();
    await students.fillForm(first);
  });
  await run.step('twee-leerlingen', async () => {
    await students.save();
    await students.add(second);
    assert.deepEqual(await students.names(), [first.displayName, second.displayName]);
  });
  await run.step('vergrendeld', () => vault.lock());
  await run.step('verkeerde-wachtzin-geweigerd', async () => {
    await vault.unlock('dit is niet de wachtzin');
    assert.equal(await vault.unlockError(), catalogs.nl.errors.WRONG_PASSPHRASE);
  });
  await run.step('ontgrendeld', async () => {
    await vault.unlock(ctx.passphrase);
    await students.waitForList();
    assert.deepEqual(await students.names(), [first.displayName, second.displayName]);
  });
  await run.step('engels', async () => {
    await openSection(page, catalogs.nl.nav.settings);
    await vault.switchLanguage('en');
    students.language = 'en';
    await page.getByRole('button', { name: catalogs.en.nav.students }).click();
    await students.waitForList();
    await page.getByRole('cell', { name: catalogs.en.students.schoolTypes['mbo-3'] }).waitFor();
  });
  await run.step('terug-naar-nederlands', async () => {
    await openSection(page, catalogs.en.nav.settings);
    await vault.switchLanguage('nl');
    students.language = 'nl';
    await page.getByRole('button', { name: catalogs.nl.nav.students }).click();
    await students.waitForList();
  });
}
