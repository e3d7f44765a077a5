import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api';
import { clientFor } from '../harness/clientFor';
import { BUILTIN_CODES } from '../../shared/builtins/codes';
import { emptyDoc, type TextLeaf } from '../../shared/editorDoc';
import { catalogs } from '../../shared/i18n';
import { CodebookPage } from '../harness/pages/CodebookPage';
import { type App, FAST_KDF, hook, openApp, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const cb = nl.codebook;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

/** The same API the renderer has, straight on the harness's backend, to set up what the screen then shows. */
function backendApi(opened: App): Api {
  return clientFor(opened.harness.backend);
}

/** Tags `count` passages of one dialogue with the code called `name`, as the editor would save them. */
async function tagPassages(api: Api, tags: { name: string; count: number }[]): Promise<{ dialogueId: string; revision: number }> {
  const student = await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
  const template = (await api.templates.list({})).find((each) => each.builtinKey === 'intake')!;
  const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: template.id, heldOn: '2025-09-01', participants: [] });
  const codes = await api.codes.list();
  const leaves: TextLeaf[] = [];
  for (const { name, count } of tags) {
    const code = codes.find((each) => each.name === name)!;
    for (let n = 1; n <= count; n += 1) {
      const annotation = await api.annotations.create({ dialogueId: dialogue.id, codeId: code.id });
      const leaf: TextLeaf = { text: `${name} fragment ${n}. ` };
      leaf[`ann_${annotation.id}`] = true;
      leaves.push(leaf);
    }
  }
  const content = emptyDoc(template.sections.map((section) => section.key));
  content[0]!.children = [{ type: 'paragraph', children: leaves }];
  const saved = await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content });
  return { dialogueId: dialogue.id, revision: saved.revision };
}

describe('codebook', () => {
  it('lists the built-in codes, unused, and explains what own codes are for', async () => {
    app = await openUnlockedApp();
    const codebook = new CodebookPage(app.page);
    await codebook.open();
    const builtinNames = BUILTIN_CODES.map((code) => code.name.nl);
    expect(await codebook.paths()).toEqual(builtinNames);
    for (const name of builtinNames) expect(await codebook.usage(name)).toBe('0 fragmenten');
    // Colour is never the only cue: each row spells out its colour and line style.
    expect(await codebook.cueText('Grenservaring')).toBe('Kleur Vermiljoen, onderstreping: dubbele lijn');
    await app.page.getByRole('heading', { name: cb.emptyTitle }).waitFor();
    await app.page.getByText(cb.emptyBody).waitFor();
  });

  it('adds, nests, renames, recolours and moves own codes, with a toast after each change', async () => {
    app = await openUnlockedApp();
    const codebook = new CodebookPage(app.page);
    await codebook.open();

    await codebook.add({ name: 'Zelfvertrouwen', color: 'Blauwgroen' });
    await codebook.toast('Code "Zelfvertrouwen" is toegevoegd.');
    expect(await app.page.getByRole('heading', { name: cb.emptyTitle }).count()).toBe(0);
    await codebook.add({ name: 'Faalangst', color: 'Oranje', parent: 'Zelfvertrouwen' });
    await codebook.add({ name: 'Stress', color: 'Geel' });
    expect((await codebook.paths()).slice(BUILTIN_CODES.length)).toEqual(['Zelfvertrouwen', 'Zelfvertrouwen › Faalangst', 'Stress']);
    expect(await codebook.usage('Faalangst')).toBe('0 fragmenten');
    expect(await codebook.cueText('Zelfvertrouwen')).toMatch(/^Kleur Blauwgroen, /);

    // Rename and recolour in one go.
    await codebook.edit('Stress', { name: 'Spanning', color: 'Roodpaars' });
    await codebook.toast('Code "Spanning" is bijgewerkt.');
    await codebook.row('Spanning').waitFor();
    expect(await codebook.row('Stress').count()).toBe(0);
    expect(await codebook.cueText('Spanning')).toMatch(/^Kleur Roodpaars, /);

    // Move under another code, and back to the top level.
    await codebook.edit('Spanning', { parent: 'Zelfvertrouwen › Faalangst' });
    // The list reloads after the toast; polled, not read the moment the edit returns (a flake under load).
    await expect.poll(() => codebook.paths()).toContain('Zelfvertrouwen › Faalangst › Spanning');
    await codebook.edit('Faalangst', { parent: null });
    await expect.poll(async () => (await codebook.paths()).slice(BUILTIN_CODES.length)).toEqual(['Zelfvertrouwen', 'Faalangst', 'Faalangst › Spanning']);
    // A code cannot move under itself or under its own children.
    await codebook.openEdit('Faalangst');
    const parents = await codebook.dialog().getByLabel(cb.fields.parent).locator('option').allTextContents();
    expect(parents).not.toContain('Faalangst');
    expect(parents).not.toContain('Faalangst › Spanning');
    expect(parents).toContain('Grenservaring');
    await app.page.keyboard.press('Escape');

    // Undo in the toast puts the old name back.
    await codebook.edit('Zelfvertrouwen', { name: 'Zelfbeeld' });
    await app.page.locator('.toast').filter({ hasText: 'Zelfbeeld' }).getByRole('button', { name: nl.common.undo }).click();
    await codebook.row('Zelfvertrouwen').waitFor();
  });

  it('merges a code into another and deletes one, saying how many passages are affected', async () => {
    app = await openUnlockedApp();
    const codebook = new CodebookPage(app.page);
    await codebook.open();
    await codebook.add({ name: 'Zelfvertrouwen' });
    await codebook.add({ name: 'Faalangst', parent: 'Zelfvertrouwen' });
    await codebook.add({ name: 'Twijfel', parent: 'Zelfvertrouwen' });
    await tagPassages(backendApi(app), [{ name: 'Faalangst', count: 2 }, { name: 'Twijfel', count: 1 }, { name: 'Zelfvertrouwen', count: 1 }]);
    // Leave and come back: the screen loads the codebook afresh.
    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await codebook.open();
    expect(await codebook.usage('Faalangst')).toBe('2 fragmenten');
    expect(await codebook.usage('Twijfel')).toBe('1 fragment');

    await codebook.openMerge('Twijfel', 'Zelfvertrouwen › Faalangst');
    await codebook.dialog().getByText('1 fragment met "Twijfel" krijgt de code "Faalangst". Daarna verdwijnt "Twijfel".').waitFor();
    await codebook.confirm(cb.mergeConfirm);
    await codebook.toast('"Twijfel" is samengevoegd met "Faalangst": 1 fragment verplaatst.');
    expect(await codebook.row('Twijfel').count()).toBe(0);
    expect(await codebook.usage('Faalangst')).toBe('3 fragmenten');

    // Deleting asks first, with the number of passages; cancelling keeps the code.
    await codebook.openDelete('Faalangst');
    await codebook.dialog().getByText('3 fragmenten gebruiken deze code; die tags verdwijnen.').waitFor();
    await codebook.dialog().getByRole('button', { name: nl.common.cancel }).click();
    await codebook.row('Faalangst').waitFor();
    await codebook.openDelete('Faalangst');
    await codebook.confirm(cb.deleteConfirm);
    await codebook.toast('Code "Faalangst" is verwijderd.');
    expect((await codebook.paths()).slice(BUILTIN_CODES.length)).toEqual(['Zelfvertrouwen']);
    expect(await codebook.usage('Zelfvertrouwen')).toBe('1 fragment');
  });

  it('refuses to delete a code used in a final dialogue, with the reason, and leaves it in place', async () => {
    app = await openUnlockedApp();
    const codebook = new CodebookPage(app.page);
    await codebook.open();
    await codebook.add({ name: 'Zelfvertrouwen' });
    const api = backendApi(app);
    const { dialogueId, revision } = await tagPassages(api, [{ name: 'Zelfvertrouwen', count: 2 }]);
    await api.dialogues.finalise({ id: dialogueId, revision });
    await app.page.getByRole('button', { name: nl.nav.students }).click();
    await codebook.open();
    await codebook.openDelete('Zelfvertrouwen');
    await codebook.dialog().getByRole('button', { name: cb.deleteConfirm, exact: true }).click();
    const alert = codebook.dialog().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(nl.errors.CODE_IN_FINAL_DIALOGUE.replace('$t(counts.passages, {"count": {{count}} })', '2 fragmenten'));
    await app.page.keyboard.press('Escape');
    expect(await codebook.usage('Zelfvertrouwen')).toBe('2 fragmenten');
  });

  it('lets built-in codes be recoloured but not renamed, moved, merged or deleted', async () => {
    app = await openUnlockedApp();
    const codebook = new CodebookPage(app.page);
    await codebook.open();
    await app.page.getByText(cb.builtinExplanation).waitFor();
    for (const { name } of BUILTIN_CODES) {
      const row = codebook.row(name.nl);
      expect(await row.getByRole('button', { name: `${cb.delete}: ${name.nl}` }).count()).toBe(0);
      expect(await row.getByRole('button', { name: `${cb.merge}: ${name.nl}` }).count()).toBe(0);
      expect(await row.getByRole('button', { name: `${cb.recolor}: ${name.nl}` }).count()).toBe(1);
    }
    await codebook.openEdit('Leervraag', true);
    await codebook.dialog().getByText(cb.builtinEditNote).waitFor();
    expect(await codebook.dialog().getByLabel(cb.fields.name).count()).toBe(0);
    expect(await codebook.dialog().getByLabel(cb.fields.parent).count()).toBe(0);
    await codebook.fill({ color: 'Blauw' });
    await codebook.save();
    expect(await codebook.cueText('Leervraag')).toMatch(/^Kleur Blauw, /);

    // Nor behind the screen's back: the backend refuses too.
    const api = backendApi(app);
    const grens = (await api.codes.list()).find((code) => code.builtinKey === 'boundaryExperience')!;
    await expect(api.codes.delete({ id: grens.id })).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(api.codes.update({ id: grens.id, name: 'Iets anders' })).rejects.toMatchObject({ code: 'READ_ONLY' });
  });

  it('adds a code from the keyboard alone', async () => {
    app = await openUnlockedApp();
    const codebook = new CodebookPage(app.page);
    await codebook.open();
    await app.page.getByRole('button', { name: `+ ${cb.add}` }).first().focus();
    await app.page.keyboard.press('Enter');
    await codebook.dialog().waitFor();
    await app.page.keyboard.type('Zorg');
    await app.page.keyboard.press('Tab');
    // The colour radios: arrow keys choose.
    const checked = await codebook.dialog().getByRole('radio', { checked: true }).getAttribute('value');
    await app.page.keyboard.press('ArrowRight');
    const next = await codebook.dialog().getByRole('radio', { checked: true }).getAttribute('value');
    expect(next).not.toBe(checked);
    await app.page.keyboard.press('Enter');
    await codebook.dialog().waitFor({ state: 'detached' });
    await codebook.row('Zorg').waitFor();
  });

  it('shows a translated error when saving fails and keeps what was typed', async () => {
    // The host loads this module, whose handler table fails codes:create with DISK_FULL.
    app = await openApp({ ...FAST_KDF, backend: { ...FAST_KDF.backend, testHooks: hook('codesCreateDiskFull') } });
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    await app.vault.submitCreate();
    await app.vault.confirmRecoveryKey();
    const codebook = new CodebookPage(app.page);
    await codebook.open();
    await codebook.openAdd();
    await codebook.fill({ name: 'Zorg' });
    await codebook.dialog().getByRole('button', { name: nl.common.save }).click();
    const alert = codebook.dialog().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(nl.errors.DISK_FULL);
    expect(await codebook.dialog().getByLabel(cb.fields.name).inputValue()).toBe('Zorg');
  });

  it('has no serious or critical axe violations on the codebook and its dialogs', async () => {
    app = await openUnlockedApp();
    const codebook = new CodebookPage(app.page);
    await codebook.open();
    expect(await a11yViolations(app.page)).toEqual([]);
    await codebook.openAdd();
    expect(await a11yViolations(app.page)).toEqual([]);
    await codebook.fill({ name: 'Zelfvertrouwen' });
    await codebook.save();
    await codebook.add({ name: 'Faalangst', parent: 'Zelfvertrouwen' });
    expect(await a11yViolations(app.page)).toEqual([]);
    await codebook.openDelete('Faalangst');
    expect(await a11yViolations(app.page)).toEqual([]);
    await app.page.keyboard.press('Escape');
    await codebook.openMerge('Faalangst', 'Zelfvertrouwen');
    expect(await a11yViolations(app.page)).toEqual([]);
  });
});
