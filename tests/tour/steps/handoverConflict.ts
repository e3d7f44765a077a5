import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import type { TourContext } from '../context';

const sf = catalogs.nl.safety;
const ks = catalogs.nl.keySafety;

/**
 * Issue 14: the handover that safetyFlows exported, imported back into the same vault. The
 * dialog shows the file beside the student already here, and replacing asks for that name.
 * Cancelled at the end: nothing changes.
 */
export async function handoverConflict(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const file = (await readdir(harness.exportsDir)).find((name) => name.endsWith('.ldho'));
  assert.ok(file, 'safetyFlows exported a handover file');
  assert.ok(!/Sanne|Vries/i.test(file), 'the handover file is not named after the student');

  await run.step('overdracht-vergelijken', async () => {
    await page.getByRole('button', { name: 'Leerlingen', exact: true }).first().click();
    await page.getByRole('button', { name: sf.handover.importButton }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(sf.handover.file).setInputFiles(join(harness.exportsDir, file));
    await dialog.getByLabel(sf.handover.passphrase, { exact: true }).fill('overdracht naar mentor Bakker 2027');
    await dialog.getByRole('button', { name: ks.handover.open }).click();
    await dialog.getByText(ks.handover.matchId).waitFor({ timeout: 60_000 });
    await dialog.getByLabel(ks.handover.replace.replace('{{name}}', 'Sanne de Vries')).check();
    await dialog.getByLabel(ks.handover.confirmLabel.replace('{{name}}', 'Sanne de Vries')).fill('Sanne de');
  });
  await run.step('overdracht-geannuleerd', async () => {
    await page.getByRole('dialog').getByRole('button', { name: catalogs.nl.common.cancel }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
}
