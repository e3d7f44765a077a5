import JSZip from 'jszip';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { REPO_ROOT } from '../harness/harness';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, FAST_KDF, hook, openApp, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const ex = nl.exporting;
let app: (App & { d: DialoguePage }) | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

async function withDialogue(): Promise<App & { d: DialoguePage }> {
  const opened = await openUnlockedApp();
  await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3', mentor: 'M. Jansen' });
  const d = new DialoguePage(opened.page);
  await d.openStudent('Sanne de Vries');
  await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Exporttest', heldOn: '2026-11-20' });
  await d.typeInSection('Ervaring delen', 'Openbare tekst over de stage.');
  await d.typeInSection('Notities mentor (privé)', 'Geheime notitie van de mentor.');
  await d.waitSaved();
  return { ...opened, d };
}

async function documentXml(path: string): Promise<string> {
  return (await JSZip.loadAsync(await readFile(path))).file('word/document.xml')!.async('string');
}

describe('exporting a dialogue summary', () => {
  it('says what it will contain, leaves private notes out by default, and writes the file', async () => {
    app = await withDialogue();
    await app.page.getByRole('button', { name: ex.dialogueButton }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByText('1 onderdeel met tekst').waitFor();
    await dialog.getByText('1 privé-onderdeel wordt weggelaten.').waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
    await dialog.getByRole('button', { name: ex.save }).click();
    await app.page.getByText('Sanne-de-Vries-2026-11-20-gesprek.docx is opgeslagen in').waitFor();
    const file = join(app.harness.exportsDir, 'Sanne-de-Vries-2026-11-20-gesprek.docx');
    const xml = await documentXml(file);
    expect(xml).toContain('Openbare tekst over de stage.');
    expect(xml).not.toContain('Geheime notitie');
  });

  it('includes the private notes only when ticked, with a warning', async () => {
    app = await withDialogue();
    await app.page.getByRole('button', { name: ex.dialogueButton }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByLabel(ex.includePrivate).check();
    await dialog.getByText(ex.privateWarning).waitFor();
    await dialog.getByRole('button', { name: ex.save }).click();
    await app.page.getByText(/gesprek\.docx is opgeslagen in/).waitFor();
    expect(await documentXml(join(app.harness.exportsDir, 'Sanne-de-Vries-2026-11-20-gesprek.docx'))).toContain('Geheime notitie van de mentor.');
  });
});

describe('exporting a portfolio', () => {
  it('previews the period and writes <student>-portfolio.docx', async () => {
    app = await withDialogue();
    await app.d.backToStudent('Sanne de Vries');
    await app.page.getByRole('button', { name: ex.portfolioButton }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByLabel(ex.from, { exact: true }).fill('2026-11-01');
    await dialog.getByLabel(ex.to, { exact: true }).fill('2026-11-30');
    await dialog.getByText(/^1 gesprek, 0 loopbaanactiviteiten/).waitFor();
    await dialog.getByLabel(ex.to, { exact: true }).fill('2026-11-10');
    await dialog.getByText(/^0 gesprekken/).waitFor();
    await dialog.getByLabel(ex.to, { exact: true }).fill('2026-11-30');
    expect(await a11yViolations(app.page)).toEqual([]);
    await dialog.getByRole('button', { name: ex.save }).click();
    await app.page.getByText('Sanne-de-Vries-portfolio.docx is opgeslagen in').waitFor();
    expect(await readdir(app.harness.exportsDir)).toContain('Sanne-de-Vries-portfolio.docx');
    const xml = await documentXml(join(app.harness.exportsDir, 'Sanne-de-Vries-portfolio.docx'));
    expect(xml).toContain('Exporttest');
    expect(xml).not.toContain('Geheime notitie');
  });
});

describe('the school logo', () => {
  it('accepts a PNG and refuses a file that is not an image, with a translated message', async () => {
    app = await withDialogue();
    await app.page.getByRole('button', { name: nl.nav.settings }).click();
    await app.page.getByLabel(ex.logo).setInputFiles(join(REPO_ROOT, 'tests/fixtures/logo-vakcollege.png'));
    await app.page.getByText(/Logo ingesteld \(\d+ × \d+ pixels\)/).waitFor();
    const fake = join(tmpdir(), `${Date.now()}-logo.png`);
    await writeFile(fake, 'dit is geen afbeelding');
    await app.page.getByLabel(ex.logo).setInputFiles(fake);
    await app.page.getByText(nl.errors.LOGO_INVALID).waitFor();
    // The earlier logo is kept.
    await app.page.getByText(/Logo ingesteld/).waitFor();
  });
});

describe('while a large export runs', () => {
  it('keeps painting and answering: the backend lists students and the page draws frames before the export is done', async () => {
    const opened = await openApp({ ...FAST_KDF, backend: { ...FAST_KDF.backend, testHooks: hook('slowPortfolio') } });
    await opened.vault.waitForCreate();
    await opened.vault.typeNewPassphrase(PASSPHRASE);
    await opened.vault.submitCreate();
    await opened.vault.confirmRecoveryKey();
    await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
    const d = new DialoguePage(opened.page);
    await d.openStudent('Sanne de Vries');
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Groot', heldOn: '2026-11-20' });
    await d.typeInSection('Ervaring delen', 'Een lange stage bij de zorginstelling, met veel om over te praten.');
    await d.waitSaved();
    app = { ...opened, d };
    await d.backToStudent('Sanne de Vries');
    await opened.page.getByRole('button', { name: ex.portfolioButton }).click();
    const dialog = opened.page.getByRole('dialog');
    await dialog.getByLabel(ex.from, { exact: true }).fill('2026-11-01');
    await dialog.getByLabel(ex.to, { exact: true }).fill('2026-11-30');
    await dialog.getByText(/^1 gesprek,/).waitFor();
    const saved = opened.page.getByText('Sanne-de-Vries-portfolio.docx is opgeslagen in');
    await dialog.getByRole('button', { name: ex.save }).click();

    // While the export runs: frames keep coming and a request the sidebar makes is answered.
    const during = await opened.page.evaluate(async () => {
      let frames = 0;
      let longestGap = 0;
      let last = performance.now();
      const stop = performance.now() + 400;
      await new Promise<void>((resolve) => {
        const tick = (now: number) => {
          frames += 1;
          longestGap = Math.max(longestGap, now - last);
          last = now;
          if (now < stop) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      const started = performance.now();
      const list = await window.api!.students.list({});
      return { frames, longestGap, listMs: performance.now() - started, listed: list.ok, savedYet: document.body.textContent?.includes('portfolio.docx is opgeslagen') ?? false };
    });
    expect(during.listed).toBe(true);
    // Answered while the export was still running: with the export on the host's thread, the
    // list would wait for it and the toast would already be there.
    expect(during.savedYet).toBe(false);
    expect(during.frames).toBeGreaterThan(5);
    await saved.waitFor({ timeout: 60_000 });
  });
});
