import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { openSection } from '../harness/pages/sections';
import { type App, FAST_KDF, openApp, PASSPHRASE, a11yViolations } from './fixtures';

/*
 * Bad input from issue 15: a 200-character name and title, a student with 300 dialogues, a
 * dialogue with 100 tags, and an empty vault, in Dutch and English, at 1366×768 and at 200 %
 * (683×384 CSS px). Every screen must still lay out: no sideways scroll of the window, the
 * main area keeps its width, and axe finds nothing serious. Screenshots go to
 * LBD_BAD_INPUT_SHOTS when set, for a person to look at.
 */
const VIEWS = [
  { name: '1366×768', viewport: { width: 1366, height: 768 } },
  { name: '200 %', viewport: { width: 683, height: 384 } },
];
const LONG_NAME = `Anna-Maria ${'Wilhelmina van den Berg-Oudshoorn '.repeat(6)}`.slice(0, 200).trim();
const LONG_TITLE = `Stage-evaluatie ${'met een heel lange titel over de stageplek en de begeleiding '.repeat(4)}`.slice(0, 200).trim();
const shots = process.env.LBD_BAD_INPUT_SHOTS;

let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

async function call<T>(a: App, channel: string, request: unknown): Promise<T> {
  const result = (await a.harness.backend.dispatch(channel as never, request as never)) as { ok: boolean; value: T; error?: unknown };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function layoutProblems(page: Page, what: string): Promise<string[]> {
  const layout = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
    main: document.getElementById('main')?.getBoundingClientRect().width ?? 0,
  }));
  const problems: string[] = [];
  if (layout.scrollWidth > layout.width + 1) problems.push(`${what}: window scrolls sideways (${layout.scrollWidth} > ${layout.width})`);
  if (layout.main < Math.min(layout.width * 0.6, 400)) problems.push(`${what}: the screen is squeezed to ${Math.round(layout.main)} px`);
  for (const violation of await a11yViolations(page)) problems.push(`${what}: ${violation}`);
  return problems;
}

describe.each(VIEWS)('bad input at $name', ({ name, viewport }) => {
  it('lays out every screen with long names, 300 dialogues, 100 tags and an empty vault, in nl and en', async () => {
    app = await openApp({ ...FAST_KDF, viewport });
    const { page } = app;
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    await app.vault.submitCreate();
    await app.vault.confirmRecoveryKey();
    await app.students.waitForList();
    const problems: string[] = [];
    const shot = async (label: string) => {
      if (!shots) return;
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: `${shots}/${name.replace(/\W+/g, '')}-${label}.png`, fullPage: false });
    };
    problems.push(...await layoutProblems(page, 'empty vault'));
    await shot('empty');

    const student = await call<{ id: string }>(app, 'students:create', { displayName: LONG_NAME, schoolType: 'mbo-4', programme: LONG_TITLE, cohort: '2025-2026' });
    const templates = await call<{ id: string; builtinKey: string | null; sections: { key: string }[] }[]>(app, 'templates:list', {});
    const template = templates.find((t) => t.builtinKey === 'external-career')!;
    const codes = await call<{ id: string }[]>(app, 'codes:list', {});
    let first = '';
    for (let i = 0; i < 300; i++) {
      const d = await call<{ id: string; revision: number }>(app, 'dialogues:create', {
        studentId: student.id, templateVersionId: template.id, heldOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        title: i === 0 ? LONG_TITLE : `Gesprek ${i + 1}`, participants: [{ name: LONG_NAME, role: 'student' }],
      });
      if (i === 0) first = d.id;
    }
    // 100 tags on the first dialogue, each on its own words.
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      ids.push((await call<{ id: string }>(app, 'annotations:create', { dialogueId: first, codeId: codes[i % codes.length]!.id, memo: `Memo ${i + 1}`, attributes: {} })).id);
    }
    const content = template.sections.map((section, index) => ({
      type: 'section', sectionKey: section.key,
      children: index === 0
        ? ids.map((id, i) => ({ type: 'paragraph', children: [{ text: `Zin ${i + 1}: `, }, { text: `getagde woorden nummer ${i + 1}`, [`ann_${id}`]: true }] }))
        : [{ type: 'paragraph', children: [{ text: '' }] }],
    }));
    await call(app, 'dialogues:save', { id: first, revision: 1, content });

    let current: 'nl' | 'en' = 'nl';
    for (const language of ['nl', 'en'] as const) {
      const t = catalogs[language];
      await openSection(page, catalogs[current].nav.settings);
      await app.vault.switchLanguage(language);
      current = language;
      app.students.language = language;
      const nav = page.getByRole('navigation', { name: t.nav.main });
      await nav.getByRole('button', { name: t.nav.students }).click();
      await app.students.waitForList();
      problems.push(...await layoutProblems(page, `${language} student list`));
      await shot(`${language}-list`);
      await page.getByRole('button', { name: LONG_NAME, exact: true }).click();
      await page.getByRole('heading', { name: LONG_NAME, level: 1 }).waitFor();
      problems.push(...await layoutProblems(page, `${language} student page (300 dialogues)`));
      await shot(`${language}-student`);
      await page.getByRole('button', { name: new RegExp(LONG_TITLE.slice(0, 40)) }).first().click();
      await page.locator('.dialogue-editor').waitFor();
      problems.push(...await layoutProblems(page, `${language} dialogue (100 tags)`));
      await shot(`${language}-dialogue`);
      for (const section of ['today', 'groups', 'search'] as const) {
        await openSection(page, section === 'today' ? t.nav.today : t.insights.nav[section]);
        await page.locator('#main h1').first().waitFor();
        await page.waitForTimeout(200);
        problems.push(...await layoutProblems(page, `${language} ${section}`));
        await shot(`${language}-${section}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
