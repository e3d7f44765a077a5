import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const sf = nl.safety;
const ks = nl.keySafety;
const TRANSFER = 'overdracht naar mentor Bakker 2027';
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.harness.close();
});

async function open(): Promise<App & { d: DialoguePage }> {
  const app = await openUnlockedApp();
  apps.push(app);
  return { ...app, d: new DialoguePage(app.page) };
}

describe('handover with a student number (issue 16)', () => {
  it('shows the file\'s number beside the student here who has it, and a copy beside that student comes in without it, saying so', async () => {
    const from = await open();
    await from.students.add({ displayName: 'Noor el Amrani', schoolType: 'havo', studentNumber: '20231234' });
    await from.d.openStudent('Noor el Amrani');
    await from.page.getByRole('button', { name: new RegExp(`^${sf.more}`) }).click();
    await from.page.getByRole('menuitem', { name: sf.handover.exportButton }).click();
    await from.page.getByRole('dialog').getByLabel(sf.handover.passphrase, { exact: true }).fill(TRANSFER);
    await from.page.getByRole('dialog').getByRole('button', { name: sf.handover.save }).click();
    await from.page.getByText(/\.ldho is opgeslagen in/).waitFor();
    const file = join(from.harness.exportsDir, (await readdir(from.harness.exportsDir)).find((name) => name.endsWith('.ldho'))!);

    // Another mentor has the same student under a shorter name, with the school's number.
    const to = await open();
    await to.students.add({ displayName: 'Noor', schoolType: 'havo', studentNumber: '20231234' });
    await to.page.getByRole('button', { name: sf.handover.importButton }).click();
    const dialog = to.page.getByRole('dialog');
    await dialog.getByLabel(sf.handover.file).setInputFiles(file);
    await dialog.getByLabel(sf.handover.passphrase, { exact: true }).fill(TRANSFER);
    await dialog.getByRole('button', { name: ks.handover.open }).click();
    await dialog.getByText(ks.handover.matchNumber).waitFor({ timeout: 30_000 });
    const numberRow = dialog.getByRole('row', { name: new RegExp(`^${ks.handover.studentNumber}`) });
    expect(await numberRow.getByRole('cell').allTextContents()).toEqual(['20231234', '20231234']);
    expect(await a11yViolations(to.page)).toEqual([]);

    await dialog.getByLabel(ks.handover.copy.replace('{{name}}', 'Noor')).check();
    await dialog.getByRole('button', { name: ks.handover.confirm }).click();
    await to.page.getByText(`Noor el Amrani is als aparte leerling geïmporteerd. ${ks.handover.numberLeftOut}`).waitFor();
    await expect.poll(() => to.students.names()).toEqual(['Noor', 'Noor el Amrani']);
  }, 180_000);
});
