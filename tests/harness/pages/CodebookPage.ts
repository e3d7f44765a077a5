import type { Locator, Page } from 'playwright-core';
import type { Language } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';
import { openSection } from './sections';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export interface CodeFormFields {
  name?: string;
  /** The colour's name as the form shows it ("Blauwgroen"). */
  color?: string;
  /** The parent as the select shows it ("Zelfvertrouwen", "Grenservaring › Ethisch"), or null for the top level. */
  parent?: string | null;
}

/** The codebook screen, driven by its visible labels. */
export class CodebookPage {
  constructor(private readonly page: Page, public language: Language = 'nl') {}

  private get t() {
    return catalogs[this.language];
  }

  async open(): Promise<void> {
    await openSection(this.page, this.t.nav.codebook);
    await this.page.getByRole('heading', { name: this.t.codebook.title, level: 1 }).waitFor();
    await this.page.locator('.code-row').first().waitFor();
  }

  /** The row of one code: its label, usage and actions. */
  row(name: string): Locator {
    return this.page.locator('.code-row').filter({ has: this.page.locator('.code-name', { hasText: exactly(name) }) });
  }

  /** Every code in tree order, as "Parent › Child" paths. */
  async paths(): Promise<string[]> {
    return this.page.locator('.code-name').evaluateAll((names) => names.map((name) => {
      const path = [name.textContent ?? ''];
      let item = name.closest('li')?.parentElement?.closest('li');
      while (item) {
        path.unshift(item.querySelector(':scope > .code-row .code-name')?.textContent ?? '');
        item = item.parentElement?.closest('li');
      }
      return path.join(' › ');
    }));
  }

  async usage(name: string): Promise<string> {
    return ((await this.row(name).locator('.code-usage').textContent()) ?? '').trim();
  }

  /** The colour and line style in words, as the row spells them out. */
  async cueText(name: string): Promise<string> {
    return ((await this.row(name).locator('.code-cue-text').textContent()) ?? '').trim();
  }

  /** The open dialog: the code form (a dialog) or a merge / delete question (an alert dialog). */
  dialog(): Locator {
    return this.page.getByRole('dialog').or(this.page.getByRole('alertdialog'));
  }

  async openAdd(): Promise<void> {
    await this.page.getByRole('button', { name: `+ ${this.t.codebook.add}` }).first().click();
    await this.dialog().waitFor();
  }

  async fill(fields: CodeFormFields): Promise<void> {
    const f = this.t.codebook.fields;
    const dialog = this.dialog();
    if (fields.name !== undefined) await dialog.getByLabel(f.name).fill(fields.name);
    if (fields.color !== undefined) await dialog.getByRole('radio', { name: fields.color, exact: true }).check();
    if (fields.parent !== undefined) {
      await dialog.getByLabel(f.parent).selectOption(fields.parent === null ? { index: 0 } : { label: fields.parent });
    }
  }

  async save(): Promise<void> {
    await this.dialog().getByRole('button', { name: this.t.common.save }).click();
    await this.dialog().waitFor({ state: 'detached' });
  }

  async add(fields: CodeFormFields & { name: string }): Promise<void> {
    await this.openAdd();
    await this.fill(fields);
    await this.save();
    await this.row(fields.name).waitFor();
  }

  /** Opens the edit dialog (for a built-in code: the colour dialog). */
  async openEdit(name: string, builtin = false): Promise<void> {
    const action = builtin ? this.t.codebook.recolor : this.t.codebook.edit;
    await this.page.getByRole('button', { name: `${action}: ${name}`, exact: true }).click();
    await this.dialog().waitFor();
  }

  async edit(name: string, fields: CodeFormFields): Promise<void> {
    await this.openEdit(name);
    await this.fill(fields);
    await this.save();
  }

  async openMerge(name: string, target: string): Promise<void> {
    await this.page.getByRole('button', { name: `${this.t.codebook.merge}: ${name}`, exact: true }).click();
    await this.dialog().getByLabel(this.t.codebook.mergeTarget).selectOption({ label: target });
  }

  async openDelete(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `${this.t.codebook.delete}: ${name}`, exact: true }).click();
    await this.dialog().waitFor();
  }

  /** Clicks the dialog's confirming button (Samenvoegen / Verwijderen) and waits for it to close. */
  async confirm(label: string): Promise<void> {
    await this.dialog().getByRole('button', { name: label, exact: true }).click();
    await this.dialog().waitFor({ state: 'detached' });
  }

  /** The latest toast's text. */
  async toast(text: string): Promise<void> {
    await this.page.locator('.toast').filter({ hasText: text }).first().waitFor();
  }
}
