import type { Locator, Page } from 'playwright-core';
import type { Language } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';
import { openSection } from './sections';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** The templates list and the template editor, driven by their visible labels. */
export class TemplatesPage {
  constructor(private readonly page: Page, public language: Language = 'nl') {}

  private get t() {
    return catalogs[this.language];
  }

  async open(): Promise<void> {
    await openSection(this.page, this.t.nav.templates);
    await this.waitForList();
  }

  async waitForList(): Promise<void> {
    await this.page.getByRole('heading', { name: this.t.templates.title, level: 1 }).waitFor();
    await this.page.locator('table.templates-table tbody tr').first().waitFor();
  }

  /** The names in the list, in order. */
  async names(): Promise<string[]> {
    return (await this.page.locator('table.templates-table tbody .template-name').allTextContents()).map((name) => name.trim());
  }

  row(name: string): Locator {
    return this.page.locator('table.templates-table tbody tr').filter({
      has: this.page.locator('.template-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    });
  }

  /** The row's cells after the name: kind, version, number of sections. */
  async details(name: string): Promise<{ kind: string; version: string; sections: string; badges: string[] }> {
    const row = this.row(name);
    const cells = (await row.locator('td').allTextContents()).map((text) => text.trim());
    const badges = (await row.locator('.badge').allTextContents()).map((text) => text.trim());
    return { kind: cells[0] ?? '', version: cells[1] ?? '', sections: cells[2] ?? '', badges };
  }

  async copy(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `${this.t.templates.copy}: ${name}`, exact: true }).click();
    await this.waitForEditor();
  }

  async edit(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `${this.t.templates.edit}: ${name}`, exact: true }).click();
    await this.waitForEditor();
  }

  async waitForEditor(): Promise<void> {
    await this.page.getByRole('heading', { name: this.t.templates.editor.title, level: 1 }).waitFor();
  }

  async setName(name: string): Promise<void> {
    await this.page.getByLabel(this.t.templates.editor.name).fill(name);
  }

  /** The section titles in the editor, in order. */
  async sectionTitles(): Promise<string[]> {
    return this.page.locator('.template-section input[id$="-title"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  }

  /** The fieldset of one section, found by its position (1-based) and title. */
  section(number: number, title: string): Locator {
    return this.page.getByRole('group', { name: fill(this.t.templates.editor.sectionLegend, { number, title }), exact: true });
  }

  /** A section's title field (its label reads "Titel (verplicht)"). */
  titleInput(section: Locator): Locator {
    return section.getByRole('textbox', { name: new RegExp(`^${this.t.templates.editor.sectionTitle}\\b`) });
  }

  async addSection(title: string, prompt = ''): Promise<void> {
    const count = (await this.sectionTitles()).length;
    await this.page.getByRole('button', { name: `+ ${this.t.templates.editor.addSection}` }).click();
    const section = this.section(count + 1, this.t.templates.editor.untitled);
    await this.titleInput(section).fill(title);
    if (prompt) await this.section(count + 1, title).getByLabel(this.t.templates.editor.prompt).fill(prompt);
  }

  async moveUp(title: string): Promise<void> {
    await this.page.getByRole('button', { name: fill(this.t.templates.editor.moveUpLabel, { title }), exact: true }).click();
  }

  async moveDown(title: string): Promise<void> {
    await this.page.getByRole('button', { name: fill(this.t.templates.editor.moveDownLabel, { title }), exact: true }).click();
  }

  async remove(title: string): Promise<void> {
    await this.page.getByRole('button', { name: fill(this.t.templates.editor.removeLabel, { title }), exact: true }).click();
  }

  async setPrivate(number: number, title: string, value: boolean): Promise<void> {
    await this.section(number, title).getByLabel(this.t.templates.editor.private).setChecked(value);
  }

  /** Closes every toast: they sit over the row actions at the bottom right for eight seconds. */
  async dismissToasts(): Promise<void> {
    const close = this.page.locator('.toast').getByRole('button', { name: this.t.common.close });
    while (await close.count()) await close.first().click();
  }

  /** Saves and returns the toast that names the new version. */
  async save(): Promise<string> {
    await this.page.getByRole('button', { name: this.t.templates.editor.save }).click();
    await this.waitForList();
    const prefix = this.t.templates.savedToast.split('{{version}}')[0]!;
    const toast = this.page.locator('.toast').filter({ hasText: prefix }).last();
    await toast.waitFor();
    return ((await toast.locator('span').first().textContent()) ?? '').trim();
  }
}
