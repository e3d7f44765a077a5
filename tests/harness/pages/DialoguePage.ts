import type { Page } from 'playwright-core';
import type { Language } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';

/** The student page and the dialogue workspace, driven as a mentor would. */
export class DialoguePage {
  constructor(private readonly page: Page, public language: Language = 'nl') {}

  private get t() {
    return catalogs[this.language].dialogue;
  }

  async openStudent(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }

  async newDialogue(templateName: string, options: { title?: string; heldOn?: string } = {}): Promise<void> {
    await this.page.getByRole('button', { name: `+ ${this.t.studentPage.newDialogue}` }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(this.t.create.template).selectOption({ label: templateName });
    if (options.heldOn) await dialog.getByLabel(this.t.create.heldOn).fill(options.heldOn);
    if (options.title) await dialog.getByLabel(this.t.create.titleField).fill(options.title);
    await dialog.getByRole('button', { name: this.t.create.start }).click();
    await this.page.locator('.dialogue-editor').waitFor();
  }

  section(title: string) {
    return this.page.locator('section.doc-section', { has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  async typeInSection(title: string, text: string): Promise<void> {
    await this.section(title).locator('.section-body p').last().click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  async waitSaved(): Promise<void> {
    await this.page.locator('.save-status [data-state="saved"]').filter({ hasText: this.t.screen.saved }).waitFor();
  }

  async importTranscript(path: string, options: { pseudonyms?: [string, string][]; section?: string } = {}): Promise<void> {
    await this.page.getByRole('button', { name: this.t.screen.import }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(this.t.importer.file).setInputFiles(path);
    for (const [index, [name, replacement]] of (options.pseudonyms ?? []).entries()) {
      await dialog.getByRole('button', { name: `+ ${this.t.importer.addPseudonym}` }).click();
      await dialog.getByLabel(`${this.t.importer.name} ${index + 1}`).fill(name);
      await dialog.getByLabel(`${this.t.importer.replacement} ${index + 1}`).fill(replacement);
    }
    await dialog.getByRole('button', { name: this.t.importer.read }).click();
    await dialog.locator('.import-preview').waitFor();
    if (options.section) await dialog.getByLabel(this.t.importer.section).selectOption({ label: options.section });
  }

  async confirmImport(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: this.t.importer.insert }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** Selects the first occurrence of `text` in the editor, as a mouse drag would. */
  async selectText(text: string): Promise<void> {
    const found = await this.page.evaluate((needle) => {
      const root = document.querySelector('.dialogue-editor');
      if (!root) return false;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.textContent?.indexOf(needle) ?? -1;
        if (index >= 0) {
          (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + needle.length);
          (root as HTMLElement).focus();
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          return true;
        }
      }
      return false;
    }, text);
    if (!found) throw new Error(`text not found in the editor: ${text}`);
    await this.page.waitForTimeout(100);
  }

  async openTagDialog(): Promise<void> {
    await this.page.getByRole('toolbar').getByRole('button', { name: this.t.toolbar.tag }).click();
    await this.page.getByRole('dialog').waitFor();
  }

  async fillTag(codeName: string, options: { dilemmaType?: string; context?: string; memo?: string } = {}): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('radio', { name: codeName, exact: true }).check();
    if (options.dilemmaType) await dialog.getByLabel(this.t.tags.dilemmaType).selectOption(options.dilemmaType);
    if (options.context) await dialog.getByLabel(this.t.tags.context).selectOption(options.context);
    if (options.memo) await dialog.getByLabel(this.t.tags.memo).fill(options.memo);
  }

  async saveTag(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: this.t.tags.save }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
    // Focus goes back to the text a tick after the dialog left (Radix's close handler); a
    // selection made before that is replaced by the restored one (a flake under load).
    await this.page.waitForFunction(() => document.activeElement?.closest('.dialogue-editor') != null, null, { timeout: 2_000 }).catch(() => undefined);
  }

  tagPanel() {
    return this.page.locator('section.side-panel', { has: this.page.getByRole('heading', { name: new RegExp(this.t.tags.panel) }) });
  }

  async addAction(text: string, owner: 'student' | 'mentor', dueDate: string): Promise<void> {
    const panel = this.page.locator('section.side-panel', { has: this.page.getByRole('heading', { name: this.t.actions.panel }) });
    await panel.getByLabel(this.t.actions.text, { exact: true }).fill(text);
    await panel.getByLabel(this.t.actions.owner).selectOption(owner);
    await panel.getByLabel(this.t.actions.dueDate).fill(dueDate);
    await panel.getByRole('button', { name: this.t.actions.add }).click();
    await panel.getByText(text, { exact: true }).waitFor();
  }

  async finalise(): Promise<void> {
    await this.page.getByRole('button', { name: this.t.screen.finalise }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: this.t.screen.finalise }).click();
    await this.page.getByText(this.t.screen.readOnly).waitFor();
  }

  async addAmendment(text: string): Promise<void> {
    await this.page.getByLabel(this.t.screen.amendmentText).fill(text);
    await this.page.getByRole('button', { name: this.t.screen.addAmendment }).click();
    await this.page.locator('.amendment-text', { hasText: text }).waitFor();
  }

  async backToStudent(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `← ${this.t.screen.back.replace('{{name}}', name)}` }).click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }
}
