import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { openSection } from '../../harness/pages/sections';
import { type Harness, startHarness } from '../../harness/harness';
import { RestorePages } from '../../harness/pages/RestorePages';
import { StudentsPage } from '../../harness/pages/StudentsPage';
import { VaultPages } from '../../harness/pages/VaultPages';
import { filesContaining } from '../../harness/plaintextScan';
import type { TourContext } from '../context';

const nl = catalogs.nl;

/**
 * Issue 13: the laptop is gone, the backup is on the USB stick. On a new computer (a fresh
 * profile) the backup made earlier comes back with the passphrase; there the key is renewed
 * (which makes a backup under the new key at once); on another new computer the backup from
 * before that renewal comes back with the recovery key of its time.
 */
export async function restoreElsewhere(ctx: TourContext): Promise<void> {
  const { run } = ctx;
  const backupsDir = join(ctx.outDir, 'backups');
  const before = (await readdir(backupsDir)).filter((name) => name.endsWith('.lbdbackup')).sort();
  assert.equal(before.length, 1, 'one backup on the "USB stick" from the safety chapter');
  const original = join(backupsDir, before[0]!);

  const computer = async (name: string): Promise<Harness> => {
    const profileDir = join(ctx.outDir, name);
    await rm(profileDir, { recursive: true, force: true });
    return startHarness({ profileDir, backupsDir });
  };
  const main = ctx.harness.page;

  const first = await computer('profile-nieuwe-computer');
  try {
    run.usePage(first.page);
    const vault = new VaultPages(first.page);
    const students = new StudentsPage(first.page);
    const restore = new RestorePages(first);
    await run.step('nieuwe-computer-herstel-een-backup', async () => {
      await vault.waitForCreate();
      await restore.open();
    });
    await run.step('nieuwe-computer-backup-gekozen', () => restore.pick(original));
    await run.step('nieuwe-computer-teruggezet-met-wachtzin', async () => {
      await restore.withPassphrase(ctx.passphrase);
      await restore.waitDone();
    });
    await run.step('nieuwe-computer-leerlingen-terug', async () => {
      await restore.continue();
      await students.waitForList();
      // The rows arrive after the list's heading: wait for the name rather than read the list at once.
      await first.page.getByText('Sanne de Vries', { exact: true }).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      assert.ok((await students.names()).includes('Sanne de Vries'), 'the restored vault has the students of the backup');
    });
    await run.step('nieuwe-computer-sleutel-vernieuwd', async () => {
      await openSection(first.page, nl.nav.settings);
      await first.page.getByLabel(nl.safety.rotate.passphrase, { exact: true }).fill(ctx.passphrase);
      await first.page.getByRole('button', { name: nl.safety.rotate.run }).click();
      await first.page.getByTestId('new-recovery-key').waitFor({ timeout: 60_000 });
    });
    const after = (await readdir(backupsDir)).filter((name) => name.endsWith('.lbdbackup'));
    assert.equal(after.length, 2, 'renewing the key made a backup under the new key at once');
    await run.step('nieuwe-computer-oude-backup-nog-terug-te-zetten', async () => {
      await first.page.getByRole('heading', { name: nl.safety.backups.list }).scrollIntoViewIfNeeded();
      // The backup from before the renewal is still offered as restorable (ADR 0007), beside the new one.
      const restoreButtons = first.page.getByRole('button', { name: new RegExp(`^${nl.safety.backups.restore}: `) });
      await restoreButtons.nth(1).waitFor();
      assert.equal(await restoreButtons.count(), 2);
    });
    await vault.lock();
  } finally {
    run.usePage(main);
    await first.close();
  }

  const second = await computer('profile-tweede-computer');
  try {
    run.usePage(second.page);
    const vault = new VaultPages(second.page);
    const students = new StudentsPage(second.page);
    const restore = new RestorePages(second);
    await run.step('tweede-computer-oude-backup-met-oude-herstelsleutel', async () => {
      await vault.waitForCreate();
      await restore.open();
      await restore.pick(original);
      await restore.withRecoveryKey(ctx.recoveryKey, 'nieuwe wachtzin voor de tweede laptop');
      await restore.waitDone();
    });
    await run.step('tweede-computer-leerlingen-terug', async () => {
      await restore.continue();
      await students.waitForList();
      await second.page.getByText('Sanne de Vries', { exact: true }).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      assert.ok((await students.names()).includes('Sanne de Vries'));
    });
    await vault.lock();
  } finally {
    run.usePage(main);
    await second.close();
  }

  for (const name of ['profile-nieuwe-computer', 'profile-tweede-computer']) {
    const leaks = await filesContaining(join(ctx.outDir, name), ctx.secrets);
    assert.deepEqual(leaks, [], `no name or text in plain in ${name}`);
  }
}
