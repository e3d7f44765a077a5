import { mkdir, readdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { type App, FAST_KDF, openApp, PASSPHRASE, a11yViolations } from './fixtures';

/*
 * Issue 15: a new mentor's whole path with the keyboard alone, at 1366×768 and at 200 % (683×384
 * CSS px, see layout.e2e.ts): create the vault, add a student, open a new dialogue, type in it,
 * select words and tag them as a grenservaring, add an agreement, finalise, export to Word (the
 * harness answers the save dialog), search and open the hit. Only page.keyboard: no click, no
 * fill, no focus() on an element. After every step the focus is on something a mentor can use
 * (not the page itself) and is where the next step starts, and the window does not scroll
 * sideways.
 */
const nl = catalogs.nl;
const d = nl.dialogue;
const VIEWS = [
  { name: '1366×768', viewport: { width: 1366, height: 768 } },
  { name: '200 % (683×384 CSS px)', viewport: { width: 683, height: 384 } },
];
const NAME = 'Sanne de Vries';
const TITLE = 'Terugblik stageweek 3';
const TEXT = 'Ik voelde me klem zitten tussen goede zorg en de planning van de afdeling.';
const TAGGED = 'klem zitten';
const AGREEMENT = 'Sanne bespreekt de planning met haar werkbegeleider.';
/** A folder for a screenshot after every step, for a person to look at (unset: none). */
const shots = process.env.LBD_KEYBOARD_SHOTS;

let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

interface FocusState {
  /** What has the focus, in words, for messages. */
  what: string;
  /** Focus is on the page itself: it was lost. */
  lost: boolean;
  /** What is drawn over the middle of the focused element, if something else is (WCAG 2.4.11). */
  coveredBy: string | null;
}

function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const describe = (element: Element | null): string => {
      if (!element || element === document.body) return 'the page itself (body)';
      const name = element.getAttribute('aria-label') ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent ?? '';
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${name.trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
    };
    const element = document.activeElement;
    const lost = !element || element === document.body;
    let coveredBy: string | null = null;
    // A box (the editor, #main) larger than the window is judged by its visible part.
    if (element && !lost && element !== document.getElementById('main')) {
      const box = element.getBoundingClientRect();
      const x = Math.min(Math.max((box.left + box.right) / 2, 1), window.innerWidth - 1);
      const y = Math.min(Math.max((Math.max(box.top, 0) + Math.min(box.bottom, window.innerHeight)) / 2, 1), window.innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (box.width < 2 || box.height < 2) coveredBy = 'nothing: it is not drawn';
      else if (hit && !element.contains(hit) && !hit.contains(element) && !(element as HTMLInputElement).labels?.[0]?.contains(hit)) coveredBy = describe(hit);
    }
    return { what: describe(element), lost, coveredBy };
  });
}

/**
 * The focus state once a covering toast has had its moment to move away: the toasts keep off
 * the focused element (components/toastPlacement.ts), a frame after focus moved. Polled, a
 * second at most.
 */
async function settledFocusState(page: Page): Promise<FocusState> {
  let state = await focusState(page);
  for (let i = 0; i < 10 && state.coveredBy; i++) {
    await page.waitForTimeout(100);
    state = await focusState(page);
  }
  return state;
}

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement).catch(() => false);

class KeyboardWalk {
  readonly log: string[] = [];
  /** Tab presses so far, to see how far apart the steps are. */
  presses = 0;
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * Tab (or Shift+Tab) until the locator has the focus; fails with the way focus went. Every
   * stop on the way must be drawn and not covered by something else (a sticky toolbar, a toast),
   * or a sighted keyboard user loses track of it.
   */
  async tabTo(target: Locator, { max = 40, back = false }: { max?: number; back?: boolean } = {}): Promise<number> {
    await target.waitFor();
    const seen: string[] = [];
    for (let count = 0; count <= max; count++) {
      if (await isFocused(target)) {
        this.presses += count;
        return count;
      }
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      const state = await settledFocusState(this.page);
      seen.push(state.what);
      expect.soft(state.lost, `tabbing to ${String(target)}: focus left the app after ${seen.join(' → ')}`).toBe(false);
      expect.soft(state.coveredBy, `tabbing to ${String(target)}: ${state.what} is covered`).toBeNull();
    }
    throw new Error(`${back ? 'Shift+Tab' : 'Tab'} did not reach the target in ${max} presses; focus went: ${seen.join(' → ')}`);
  }

  /**
   * After a step: the focus is on something usable (the target when given, polled: focus moves a
   * tick after a dialog closes) and the window does not scroll sideways.
   */
  async check(step: string, target?: Locator): Promise<void> {
    if (target) {
      await expect.poll(() => isFocused(target), { message: `${step}: focus is on ${(await focusState(this.page)).what}`, timeout: 5_000 }).toBe(true);
    }
    if (shots) {
      await mkdir(shots, { recursive: true });
      await this.page.screenshot({ path: `${shots}/${this.page.viewportSize()?.width}-${String(this.log.length).padStart(2, '0')}-${step.replace(/\W+/g, '_')}.png` });
    }
    const focus = await settledFocusState(this.page);
    this.log.push(`${step}: ${focus.what} (${this.presses} Tab presses so far)`);
    expect(focus.lost, `${step}: focus was lost`).toBe(false);
    expect.soft(focus.coveredBy, `${step}: ${focus.what} is covered`).toBeNull();
    const layout = await this.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect.soft(layout.scrollWidth, `${step}: the window scrolls sideways`).toBeLessThanOrEqual(layout.clientWidth);
  }
}

describe.each(VIEWS)('the whole path with the keyboard alone at $name', ({ viewport }) => {
  it('creates the vault, a student, a dialogue with a tag and an agreement, finalises, exports and finds it again', async () => {
    app = await openApp({ ...FAST_KDF, viewport });
    const { page } = app;
    const walk = new KeyboardWalk(page);
    const main = page.locator('#main');
    const dialog = page.getByRole('dialog');

    // The vault: the passphrase field has the focus on arrival.
    await app.vault.waitForCreate();
    await walk.check('create vault', page.getByLabel(nl.vault.passphrase, { exact: true }));
    await walk.type(PASSPHRASE);
    await walk.tabTo(page.getByLabel(nl.vault.passphraseRepeat, { exact: true }));
    await walk.type(PASSPHRASE);
    await page.locator('.strength-text').waitFor();
    await walk.press('Enter');
    await page.getByTestId('recovery-key').waitFor();
    await walk.check('recovery key shown');
    await walk.tabTo(page.getByLabel(nl.vault.recoveryConfirm));
    await walk.press('Space');
    await walk.check('recovery key confirmed', page.getByRole('button', { name: nl.vault.recoveryDone }));
    await walk.press('Enter');
    await app.students.waitForList();
    await walk.check('student list', main);

    // A student.
    await walk.tabTo(page.getByRole('button', { name: `+ ${nl.students.add}` }).first());
    await walk.press('Enter');
    await walk.check('student form', dialog.getByLabel(nl.students.fields.displayName));
    await walk.type(NAME);
    await walk.press('Enter');
    await page.getByRole('rowheader', { name: NAME }).waitFor();
    await walk.check('student added');
    const studentButton = page.getByRole('button', { name: NAME, exact: true });
    await walk.tabTo(studentButton);
    await walk.press('Enter');
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await walk.check('student page', main);

    // A new dialogue: the form's first field has the focus; Enter in the title starts it.
    await walk.tabTo(page.getByRole('button', { name: `+ ${d.studentPage.newDialogue}` }));
    await walk.press('Enter');
    await dialog.waitFor();
    await walk.check('new dialogue form');
    await walk.tabTo(dialog.getByLabel(d.create.titleField));
    await walk.type(TITLE);
    await walk.press('Enter');
    await page.locator('.dialogue-editor').waitFor();
    // A dialogue just started: the caret is in its first section, ready for typing.
    const editor = page.locator('.dialogue-editor');
    await walk.check('dialogue opened', editor);

    // Type, then select two words with Shift+arrows and tag them (Ctrl+Shift+T).
    await walk.type(TEXT);
    await page.locator('.save-status [data-state="saved"]').filter({ hasText: d.screen.saved }).waitFor();
    await walk.check('typed', editor);
    // Back from the end of the typed text with the arrows (the editor moves its own caret on
    // those; after Home, which the browser moves, arrows pressed at once may start from the end).
    const end = TEXT.indexOf(TAGGED) + TAGGED.length;
    for (let i = 0; i < TEXT.length - end; i++) await walk.press('ArrowLeft');
    for (let i = 0; i < TAGGED.length; i++) await walk.press('Shift+ArrowLeft');
    // Ctrl+Shift+T at once, as a quick typist does: the editor reads a selection the browser made
    // a moment later (selectionchange), and tagging must not wait for that (useTagging.ts).
    await walk.press('Control+Shift+T');
    await dialog.waitFor({ timeout: 10_000 }).catch(async () => {
      throw new Error(`Ctrl+Shift+T opened no tag dialog; focus on ${(await focusState(page)).what}, selection "${await page.evaluate(() => window.getSelection()?.toString())}"`);
    });
    await walk.check('tag dialog', dialog.getByRole('radio', { name: 'Grenservaring', exact: true }));
    expect(await dialog.locator('blockquote').textContent()).toBe(TAGGED);
    await walk.press('Space');
    await walk.tabTo(dialog.getByLabel(d.tags.dilemmaType));
    await walk.type('k');
    expect(await dialog.getByLabel(d.tags.dilemmaType).inputValue()).toBe('quality');
    await walk.tabTo(dialog.getByLabel(d.tags.context));
    await walk.type('s');
    expect(await dialog.getByLabel(d.tags.context).inputValue()).toBe('internship');
    await walk.tabTo(dialog.getByRole('button', { name: d.tags.save }));
    await walk.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await walk.check('tagged', editor);
    const tags = page.locator('section.side-panel', { has: page.getByRole('heading', { name: new RegExp(d.tags.panel) }) });
    await tags.getByText('Grenservaring').waitFor();

    // An agreement in the side panel.
    const agreements = page.locator('section.side-panel', { has: page.getByRole('heading', { name: d.actions.panel }) });
    await walk.tabTo(agreements.getByLabel(d.actions.text, { exact: true }), { max: 60 });
    await walk.type(AGREEMENT);
    await walk.tabTo(agreements.getByLabel(d.actions.owner));
    await walk.type('m');
    await walk.tabTo(agreements.getByLabel(d.actions.dueDate));
    // The date field's parts are in the browser's order (day or month first); Up on an empty part
    // gives 1 for either and this year for the year, so this is 1 January next year in both orders.
    for (const key of ['ArrowUp', 'ArrowRight', 'ArrowUp', 'ArrowRight', 'ArrowUp', 'ArrowUp']) await walk.press(key);
    const nextYear = await page.evaluate(() => new Date().getFullYear() + 1);
    expect(await agreements.getByLabel(d.actions.dueDate).inputValue()).toBe(`${nextYear}-01-01`);
    const addAgreement = agreements.getByRole('button', { name: d.actions.add });
    await walk.tabTo(addAgreement);
    await walk.press('Enter');
    await agreements.getByText(AGREEMENT, { exact: true }).waitFor();
    // The button is disabled again (the field is empty): the field takes the focus, ready for the next.
    await walk.check('agreement added', agreements.getByLabel(d.actions.text, { exact: true }));

    // Finalise: back up to the header's button, confirm in the question.
    await walk.tabTo(page.getByRole('button', { name: d.screen.finalise, exact: true }), { max: 80, back: true });
    await walk.press('Enter');
    const question = page.getByRole('alertdialog');
    await walk.check('finalise question', question.getByRole('button', { name: nl.common.cancel }));
    await walk.tabTo(question.getByRole('button', { name: d.screen.finalise }));
    await walk.press('Enter');
    await page.getByText(d.screen.readOnly).waitFor();
    // 'Definitief maken' is gone with the question: focus goes to the next step, the Word export.
    await walk.check('finalised', page.getByRole('button', { name: nl.exporting.dialogueButton, exact: true }));

    // Export to Word: the harness answers the save dialog with its exports folder.
    await walk.press('Enter');
    await dialog.waitFor();
    await walk.check('export dialog');
    await walk.tabTo(dialog.getByRole('button', { name: nl.exporting.save }));
    await walk.press('Enter');
    await page.getByText(/is opgeslagen in/).first().waitFor();
    await walk.check('exported', page.getByRole('button', { name: nl.exporting.dialogueButton, exact: true }));
    expect((await readdir(app.harness.exportsDir)).filter((file) => file.endsWith('.docx'))).toHaveLength(1);

    // Search: back to the navigation, "Zoeken", type, Enter, and open the hit.
    await walk.tabTo(page.getByRole('navigation', { name: nl.nav.main }).getByRole('button', { name: nl.insights.nav.search }), { max: 80, back: true });
    await walk.press('Enter');
    await page.getByRole('heading', { name: nl.insights.search.title, level: 1 }).waitFor();
    await walk.check('search screen');
    await walk.tabTo(page.getByLabel(nl.insights.search.query));
    await walk.type('planning afdeling');
    await walk.press('Enter');
    const hit = page.locator('.hit').first();
    await hit.waitFor();
    await walk.check('search results');
    await walk.tabTo(hit);
    await walk.press('Enter');
    // The dialogue opens scrolled to the hit.
    const mark = page.locator('.dialogue-editor mark.search-hit').first();
    await mark.waitFor();
    await expect.poll(() => mark.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    })).toBe(true);
    await walk.check('hit opened', main);
    // Where the focus was after each step and how many Tab presses it took, for a person to read.
    if (shots) console.log(walk.log.join('\n'));
  }, 240_000);
});

describe('the top bar at 200 %', () => {
  it('is one row with "Vergrendelen" in sight, and its "Menu" opens the other sections from the keyboard', async () => {
    app = await openApp({ ...FAST_KDF, viewport: { width: 683, height: 384 } });
    const { page } = app;
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    await app.vault.submitCreate();
    await app.vault.confirmRecoveryKey();
    await app.students.waitForList();
    const walk = new KeyboardWalk(page);
    // One row: it took 145 of the 384 px as three rows (sections, sections, backup note and lock).
    const bar = await page.locator('aside.sidebar').evaluate((element) => element.getBoundingClientRect().height);
    expect(bar).toBeLessThanOrEqual(56);
    const lock = page.getByRole('button', { name: nl.vault.lock });
    expect(await lock.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.right <= window.innerWidth && box.bottom <= 56;
    })).toBe(true);
    // The screen below has the rest of the window's height, and the bar passes axe.
    expect(await a11yViolations(page)).toEqual([]);

    const menu = page.getByRole('navigation', { name: nl.nav.main }).getByRole('button', { name: nl.shell.menu });
    await walk.tabTo(menu, { back: true });
    await walk.press('Enter');
    await page.getByRole('menu').waitFor();
    await walk.check('menu open', page.getByRole('menuitem', { name: nl.insights.nav.groups }));
    // Down the items to "Instellingen" (the fourth), as far as it takes.
    const settingsItem = page.getByRole('menuitem', { name: nl.nav.settings });
    for (let i = 0; i < 8 && !(await isFocused(settingsItem)); i++) await walk.press('ArrowDown');
    await walk.check('on Instellingen', settingsItem);
    await walk.press('Enter');
    await page.getByRole('heading', { name: nl.settings.title, level: 1 }).waitFor();
    await walk.check('settings', page.locator('#main'));
    // The bar says where one is: the menu button carries the open section's name.
    expect(await menu.textContent()).toContain(nl.nav.settings);
    await walk.tabTo(menu, { back: true });
    await walk.press('Enter');
    await page.getByRole('menu').waitFor();
    expect(await page.getByRole('menuitem', { name: nl.nav.settings }).getAttribute('aria-current')).toBe('page');
    await walk.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await walk.check('menu closed', menu);
  }, 120_000);
});
