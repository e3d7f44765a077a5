import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openApp, openUnlockedApp, PASSPHRASE } from './fixtures';

// Issue 15: "Openen" and "Toon in map" in the toast after an export, by keyboard, sending only
// the token main gave the export's answer. The harness records what main would ask of the OS.

const nl = catalogs.nl;
const ex = nl.exporting;
const FILE = 'Sanne-de-Vries-2026-11-20-gesprek.docx';
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

async function exportDialogue(): Promise<App> {
  const opened = await openUnlockedApp();
  await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
  const d = new DialoguePage(opened.page);
  await d.openStudent('Sanne de Vries');
  await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Openen', heldOn: '2026-11-20' });
  await d.typeInSection('Ervaring delen', 'Tekst voor het verslag.');
  await d.waitSaved();
  await opened.page.getByRole('button', { name: ex.dialogueButton }).click();
  await opened.page.getByRole('dialog').getByRole('button', { name: ex.save }).click();
  return opened;
}

/** What has focus: its accessible text, as a mentor's screen reader would say it. */
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? '').trim());

/** F8 to the toasts, then Tab until `label` has focus (a bounded walk, not a fixed count of Tabs). */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let step = 0; step < 8; step++) {
    if ((await focusedText(page)) === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no focus on "${label}" after 8 Tabs; it is on "${await focusedText(page)}"`);
}

describe('the toast after an export', () => {
  it('names the file and its folder only, and opens and shows it by keyboard with its token', async () => {
    app = await exportDialogue();
    const { page, harness } = app;
    const toast = page.locator('.toast').filter({ hasText: FILE });
    await toast.waitFor();
    // The folder's own name, not the whole path (it is wider than the toast).
    expect((await toast.locator('.toast-text').textContent())?.trim()).toBe(`${FILE} is opgeslagen in exports.`);
    expect(await toast.textContent()).not.toContain(harness.exportsDir);

    await page.keyboard.press('F8');
    await tabTo(page, ex.open);
    await page.keyboard.press('Enter');
    await expect.poll(() => harness.shellCalls.length).toBe(1);
    // The toast stays for the second button.
    await tabTo(page, ex.showInFolder);
    await page.keyboard.press('Enter');
    await expect.poll(() => harness.shellCalls.length).toBe(2);

    expect(harness.fileRequests.map((request) => request.channel)).toEqual(['files:open', 'files:show']);
    const [open, show] = harness.fileRequests.map((request) => request.request as Record<string, unknown>);
    // The request is the token alone, the same one for both, and names no path.
    expect(Object.keys(open!)).toEqual(['token']);
    expect(open!.token).toMatch(TOKEN);
    expect(show).toEqual(open);
    expect(harness.shellCalls).toEqual([
      { action: 'open', path: join(harness.exportsDir, FILE) },
      { action: 'show', path: join(harness.exportsDir, FILE) },
    ]);
  });

  it('says so when the file is gone since, and refuses a token or path the page makes up', async () => {
    app = await exportDialogue();
    const { page, harness } = app;
    const toast = page.locator('.toast').filter({ hasText: FILE });
    await toast.waitFor();
    await rm(join(harness.exportsDir, FILE));
    await toast.getByRole('button', { name: ex.open }).click();
    await page.locator('.toast').filter({ hasText: nl.errors.FILE_OPEN_FAILED }).waitFor();

    const answers = await page.evaluate(async () => {
      const files = (window as unknown as { api: { files: Record<'open' | 'show', (request: unknown) => Promise<unknown>> } }).api.files;
      return [
        await files.open({ token: 'A'.repeat(22) }),
        await files.show({ token: 'B'.repeat(22) }),
        await files.open({ path: '/etc/passwd' }),
        await files.show({ token: '../../etc/passwd' }),
      ];
    });
    expect(answers.map((answer) => (answer as { error?: { code: string } }).error?.code)).toEqual(['FILE_NOT_EXPORTED', 'FILE_NOT_EXPORTED', 'VALIDATION', 'VALIDATION']);
    expect(harness.shellCalls).toEqual([]);
  });

  it('offers only Toon in map for the recovery key .txt, beside its status line', async () => {
    app = await openApp();
    const { page, harness } = app;
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    await app.vault.submitCreate();
    await page.getByRole('button', { name: nl.firstRun.recovery.save }).click();
    await page.getByText(nl.firstRun.recovery.saved).waitFor();
    expect(await page.getByRole('button', { name: ex.open, exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: ex.showInFolder }).click();
    await expect.poll(() => harness.shellCalls.length).toBe(1);
    const [file] = await readdir(harness.exportsDir);
    expect(harness.shellCalls).toEqual([{ action: 'show', path: join(harness.exportsDir, file!) }]);
  });
});
