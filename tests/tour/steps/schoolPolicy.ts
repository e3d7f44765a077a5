import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { openSection } from '../../harness/pages/sections';
import { startHarness } from '../../harness/harness';
import { StudentsPage } from '../../harness/pages/StudentsPage';
import { VaultPages } from '../../harness/pages/VaultPages';
import type { TourContext } from '../context';

const nl = catalogs.nl;

/**
 * Issue 16 #6: a school laptop with the school's policy file. The harness writes it into a fresh
 * profile (the app reads it from %ProgramData%, /Library/Application Support or /etc); it sets
 * the school name and locks it and the retention period, which the settings show as set by the
 * school. Then a second laptop whose file has a typo: the app says so and runs on its defaults.
 */
export async function schoolPolicy(ctx: TourContext): Promise<void> {
  const { run } = ctx;
  const main = ctx.harness.page;

  const laptop = async (name: string, policy: object | string) => {
    const profileDir = join(ctx.outDir, name);
    await rm(profileDir, { recursive: true, force: true });
    const harness = await startHarness({ profileDir, policy, viewport: main.viewportSize() ?? undefined });
    return { harness, vault: new VaultPages(harness.page), students: new StudentsPage(harness.page) };
  };

  const first = await laptop('profile-schoollaptop', {
    version: 1, schoolName: 'Vakcollege De Delta', retentionYears: 3, autoLockMinutes: 10, backupKeepDays: 30,
    locked: ['schoolName', 'retentionYears'],
  });
  try {
    run.usePage(first.harness.page);
    await first.vault.waitForCreate();
    await first.vault.typeNewPassphrase(ctx.passphrase);
    await first.vault.submitCreate();
    await first.vault.confirmRecoveryKey();
    await first.students.waitForList();
    await run.step('schoolbeleid-instellingen', async () => {
      await openSection(first.harness.page, nl.nav.settings);
      const schoolName = first.harness.page.getByLabel(nl.settings.schoolName);
      assert.equal(await schoolName.inputValue(), 'Vakcollege De Delta');
      assert.ok(await schoolName.isDisabled(), 'the school name is locked');
    });
    await run.step('schoolbeleid-bewaartermijn-vast', async () => {
      const years = first.harness.page.getByLabel(nl.safety.retention.years);
      await years.scrollIntoViewIfNeeded();
      assert.equal(await years.inputValue(), '3');
      assert.ok(await years.isDisabled(), 'the retention period is locked');
    });
  } finally {
    run.usePage(main);
    await first.harness.close();
  }

  const second = await laptop('profile-schoollaptop-fout', '{ "schoolName": "Vakcollege De Delta", "retentionyears": 3 }');
  try {
    run.usePage(second.harness.page);
    await run.step('schoolbeleid-met-fout', async () => {
      await second.vault.waitForCreate();
      await second.harness.page.getByText(nl.policy.invalidTitle).waitFor();
      await second.harness.page.getByText('Onbekende instelling "retentionyears" (een tikfout?).').waitFor();
    });
  } finally {
    run.usePage(main);
    await second.harness.close();
  }
}
