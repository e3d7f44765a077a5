import type { Page } from 'playwright-core';
import type { Language } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';
import type { Harness } from '../harness';

/** "Herstel een back-up" as a mentor goes through it, by the visible labels. */
export class RestorePages {
  constructor(private readonly harness: Harness, public language: Language = 'nl') {}

  private get page(): Page {
    return this.harness.page;
  }

  private get t() {
    return catalogs[this.language].restore;
  }

  /** From the first screen (or the unlock screen) to the restore screen. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: this.t.entry }).click();
    await this.page.getByRole('heading', { name: this.t.title, level: 1 }).waitFor();
  }

  /** Clicks "choose file" and picks `path` in the (stand-in) open dialog. */
  async pick(path: string): Promise<void> {
    this.harness.chooseFile(path);
    await this.page.getByRole('button', { name: this.t.choose }).click();
    await this.page.getByTestId('picked-backup').waitFor();
  }

  async withPassphrase(passphrase: string): Promise<void> {
    await this.page.getByLabel(this.t.passphrase, { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: this.t.submit }).click();
  }

  async withRecoveryKey(recoveryKey: string, newPassphrase: string): Promise<void> {
    await this.page.getByRole('radio', { name: this.t.useRecoveryKey }).check();
    await this.page.getByLabel(this.t.recoveryKey, { exact: true }).fill(recoveryKey);
    await this.page.getByLabel(this.t.newPassphrase, { exact: true }).fill(newPassphrase);
    await this.page.locator('.strength-text').waitFor();
    await this.page.getByRole('button', { name: this.t.submit }).click();
  }

  async waitDone(): Promise<void> {
    await this.page.getByRole('heading', { name: this.t.doneTitle, level: 1 }).waitFor({ timeout: 60_000 });
  }

  async continue(): Promise<void> {
    await this.page.getByRole('button', { name: this.t.continue }).click();
  }
}
