import type { Page } from 'playwright-core';
import type { Language } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';
import type { StudentFields } from '../../../shared/schemas';

export class StudentsPage {
  constructor(private readonly page: Page, public language: Language = 'nl') {}

  private get t() {
    return catalogs[this.language];
  }

  async waitForList(): Promise<void> {
    await this.page.getByRole('heading', { name: this.t.students.title, level: 1 }).waitFor();
  }

  async openAddDialog(): Promise<void> {
    await this.page.getByRole('button', { name: `+ ${this.t.students.add}` }).first().click();
    await this.page.getByRole('dialog').waitFor();
  }

  async fillForm(fields: Partial<StudentFields>): Promise<void> {
    const f = this.t.students.fields;
    const dialog = this.page.getByRole('dialog');
    if (fields.displayName !== undefined) await dialog.getByLabel(f.displayName).fill(fields.displayName);
    if (fields.schoolType) await dialog.getByLabel(f.schoolType).selectOption(fields.schoolType);
    if (fields.programme !== undefined) await dialog.getByLabel(f.programme).fill(fields.programme);
    if (fields.cohort !== undefined) await dialog.getByLabel(f.cohort).fill(fields.cohort);
    if (fields.mentor !== undefined) await dialog.getByLabel(f.mentor).fill(fields.mentor);
    if (fields.leavingDate) await dialog.getByLabel(f.leavingDate).fill(fields.leavingDate);
    if (fields.studentNumber) await dialog.getByLabel(f.studentNumber).fill(fields.studentNumber);
  }

  async save(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: this.t.common.save }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  async add(fields: Partial<StudentFields>): Promise<void> {
    await this.openAddDialog();
    await this.fillForm(fields);
    await this.save();
    await this.page.getByRole('rowheader', { name: fields.displayName }).waitFor();
  }

  async names(): Promise<string[]> {
    return (await this.page.locator('table.table tbody th').allTextContents()).map((name) => name.trim());
  }

  async archive(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `${this.t.students.archive}: ${name}` }).click();
  }
}
