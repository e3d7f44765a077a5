import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { openSection } from '../harness/pages/sections';
import { type App, FAST_KDF, openApp, PASSPHRASE } from './fixtures';

const nl = catalogs.nl;
const INTERNAL = 'Interne dialoog — reflectie op een ervaring';
const TEXT = 'Ik voelde me klem zitten tussen goede zorg en de planning van de afdeling.';

/*
 * A mentor's laptop window, and the same window at 200 % zoom. Zooming to 200 % halves the CSS
 * viewport, so 683×384 CSS px lays out exactly as 1366×768 does at 200 % (the device pixel ratio
 * only changes how sharp it is drawn, not where anything sits).
 */
const VIEWS = [
  { name: '1366×768', viewport: { width: 1366, height: 768 } },
  { name: '200 % (683×384 CSS px)', viewport: { width: 683, height: 384 } },
];

let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

/**
 * What a mentor needs from an open dialog: it lies inside the window, nothing is drawn over it
 * (not the editor toolbar, not a toast), and every button in it can be brought into view and
 * clicked where it is drawn. Returns the problems found, so a failure lists all of them.
 */
async function dialogProblems(page: Page): Promise<string[]> {
  const dialog = page.locator('[role="dialog"], [role="alertdialog"]').last();
  await dialog.waitFor();
  // Let Radix's focus move and any opening layout settle, as a mentor's first look would.
  await page.waitForTimeout(100);
  return dialog.evaluate((root) => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    const name = (element: Element | null): string => {
      if (!element) return 'nothing';
      const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
      const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      return `${element.tagName.toLowerCase()}${classes} "${label.trim().slice(0, 40)}"`;
    };
    // A modal dialog turns off pointer events on the page behind it, and elementFromPoint skips
    // such elements even where they are painted over the dialog. For the check, every element
    // takes hits again, so the hit is whatever is drawn on top. (Inline styles through the CSSOM:
    // the app's CSP refuses an added <style> element.)
    const saved = Array.from(document.querySelectorAll<HTMLElement | SVGElement>('*'), (element) => {
      const before = [element.style.getPropertyValue('pointer-events'), element.style.getPropertyPriority('pointer-events')] as const;
      element.style.setProperty('pointer-events', 'auto', 'important');
      return [element, before] as const;
    });
    const box = root.getBoundingClientRect();
    if (box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1) {
      problems.push(`dialog ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)} does not fit the ${width}×${height} window`);
    }
    // The parts of the dialog inside the window must be the dialog's own, wherever one looks.
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, height);
    const left = Math.max(box.left, 0);
    const right = Math.min(box.right, width);
    for (let i = 1; i < 10; i++) {
      for (let j = 1; j < 10; j++) {
        const x = left + ((right - left) * i) / 10;
        const y = top + ((bottom - top) * j) / 10;
        const hit = document.elementFromPoint(x, y);
        if (!hit || !root.contains(hit)) problems.push(`dialog at ${Math.round(x)},${Math.round(y)} is covered by ${name(hit)}`);
      }
    }
    // The editor toolbar in particular: where it and the dialog overlap, the dialog is on top.
    const toolbar = document.querySelector('[role="toolbar"]');
    if (toolbar) {
      const bar = toolbar.getBoundingClientRect();
      const overlap = { left: Math.max(bar.left, left), right: Math.min(bar.right, right), top: Math.max(bar.top, top), bottom: Math.min(bar.bottom, bottom) };
      if (overlap.left < overlap.right && overlap.top < overlap.bottom) {
        const hit = document.elementFromPoint((overlap.left + overlap.right) / 2, (overlap.top + overlap.bottom) / 2);
        if (hit && toolbar.contains(hit)) problems.push('the editor toolbar is drawn over the dialog');
      }
    }
    for (const button of Array.from(root.querySelectorAll('button'))) {
      if (button.getClientRects().length === 0) continue;
      // A dialog taller than the window scrolls inside itself; each button can be scrolled to.
      button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const rect = button.getBoundingClientRect();
      const x = rect.left + rect.width / 2;
      const y = rect.top + rect.height / 2;
      if (x < 0 || y < 0 || x > width || y > height) {
        problems.push(`button ${name(button)} is outside the window at ${Math.round(x)},${Math.round(y)}`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      if (!hit || !button.contains(hit)) problems.push(`button ${name(button)} is covered by ${name(hit)}`);
    }
    for (const [element, [value, priority]] of saved) {
      if (value) element.style.setProperty('pointer-events', value, priority);
      else element.style.removeProperty('pointer-events');
    }
    return problems;
  });
}

async function expectUsableDialog(page: Page, what: string): Promise<void> {
  // Soft: one run lists every dialog that fails, not only the first.
  await page.screenshot({ path: `/tmp/shot-${page.viewportSize()!.width}-${what.replace(/[^a-z]+/gi, '_')}.png` });
  expect.soft(await dialogProblems(page), what).toEqual([]);
}

async function closeWithEscape(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('[role="dialog"], [role="alertdialog"]').waitFor({ state: 'detached' });
}

/** The window never scrolls sideways (WCAG 1.4.10), and the sidebar leaves room for the screen. */
async function expectReflow(page: Page, what: string, narrow: boolean): Promise<void> {
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
    main: document.getElementById('main')?.getBoundingClientRect().width ?? 0,
  }));
  expect.soft(layout.scrollWidth, `${what}: no sideways scrolling`).toBeLessThanOrEqual(layout.width);
  // At 200 % a 240 px sidebar would take over a third of the window; collapsed it gives it back.
  if (narrow) expect.soft(layout.main, `${what}: the screen gets the window's width`).toBeGreaterThanOrEqual(layout.width * 0.9);
}

/** Opens the student page's "Meer" menu unless it is open already. */
async function openMore(page: Page): Promise<void> {
  if (await page.getByRole('menu').count() === 0) await page.getByRole('button', { name: nl.safety.more }).click();
}

describe.each(VIEWS)('dialogs and layout at $name', ({ viewport }) => {
  it('shows every main dialog above the toolbar and the page, with all its buttons in reach', async () => {
    const narrow = viewport.width < 1000;
    app = await openApp({ ...FAST_KDF, viewport });
    const { page } = app;
    const d = new DialoguePage(page);
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    await app.vault.submitCreate();
    await app.vault.confirmRecoveryKey();
    await app.students.waitForList();
    await expectReflow(page, 'empty student list', narrow);

    await app.students.openAddDialog();
    await expectUsableDialog(page, 'student form');
    await app.students.fillForm({ displayName: 'Sanne de Vries', schoolType: 'mbo-3', mentor: 'M. Jansen', programme: 'Verzorgende IG', cohort: '2025' });
    await app.students.save();
    await page.getByRole('rowheader', { name: 'Sanne de Vries' }).waitFor();
    await expectReflow(page, 'student list', narrow);
    // The "added" toast is still showing while the next dialog opens: it must not cover it.
    await page.getByRole('button', { name: nl.safety.handover.importButton }).click();
    await expectUsableDialog(page, 'handover import');
    await closeWithEscape(page);

    await d.openStudent('Sanne de Vries');
    await expectReflow(page, 'student page', narrow);
    await page.getByRole('button', { name: nl.exporting.portfolioButton }).click();
    await expectUsableDialog(page, 'portfolio export');
    await closeWithEscape(page);
    await openMore(page);
    await page.getByRole('menuitem', { name: nl.safety.handover.exportButton }).click();
    await expectUsableDialog(page, 'handover export');
    await closeWithEscape(page);
    await openMore(page);
    await page.getByRole('menuitem', { name: nl.safety.erase.button }).click();
    await expectUsableDialog(page, 'erase student');
    await closeWithEscape(page);

    await page.getByRole('button', { name: `+ ${nl.dialogue.studentPage.newDialogue}` }).click();
    await expectUsableDialog(page, 'new dialogue');
    await closeWithEscape(page);
    await d.newDialogue(INTERNAL, { title: 'Terugblik stageweek 3' });
    await d.typeInSection('Wat deed dat met je?', TEXT);
    await d.waitSaved();
    await expectReflow(page, 'dialogue workspace', narrow);

    // Tagging near the top of the text: the toolbar stays where it is drawn, across the middle
    // of the window, where the tag dialog lists its codes.
    await d.selectText('klem zitten tussen goede zorg');
    await page.evaluate(() => window.scrollTo(0, 0));
    await d.openTagDialog();
    await expectUsableDialog(page, 'tag dialog, page at the top');
    await closeWithEscape(page);
    // Tagging further down: the sticky toolbar sits at the top of the window, where the dialog's
    // title is.
    await d.selectText('klem zitten tussen goede zorg');
    await page.evaluate(() => window.scrollBy(0, 200));
    await d.openTagDialog();
    await expectUsableDialog(page, 'tag dialog, toolbar stuck at the top');
    await d.fillTag('Grenservaring', { dilemmaType: 'quality', context: 'internship' });
    await expectUsableDialog(page, 'tag dialog with the boundary-experience fields');
    await d.saveTag();
    await d.tagPanel().getByText('Grenservaring').waitFor();

    for (const [label, what] of [
      [nl.dialogue.screen.import, 'transcript import'],
      [nl.exporting.dialogueButton, 'dialogue export'],
      [nl.dialogue.screen.finalise, 'finalise question'],
    ] as const) {
      // The header's buttons are used with the page at the top, the toolbar below them.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: label, exact: true }).click();
      await expectUsableDialog(page, what);
      await closeWithEscape(page);
    }
    await d.selectText('klem zitten');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.keyboard.press('F1');
    await expectUsableDialog(page, 'keyboard help');
    await closeWithEscape(page);

    await openSection(page, nl.nav.codebook);
    await page.getByRole('heading', { name: nl.codebook.title, level: 1 }).waitFor();
    await expectReflow(page, 'codebook', narrow);
    await page.getByRole('button', { name: `+ ${nl.codebook.add}` }).first().click();
    await expectUsableDialog(page, 'code form');
    await page.getByRole('dialog').getByLabel(nl.codebook.fields.name).fill('Zelfvertrouwen');
    await page.getByRole('dialog').getByRole('button', { name: nl.common.save }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `${nl.codebook.delete}: Zelfvertrouwen`, exact: true }).click();
    await expectUsableDialog(page, 'delete code question');
    await closeWithEscape(page);
  }, 180_000);
});
