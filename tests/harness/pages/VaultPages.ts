import type { Page } from 'playwright-core';
import type { Language } from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';

/** The screens before the vault is open, driven by their visible labels as a mentor reads them. */
export class VaultPages {
  constructor(private readonly page: Page, public language: Language = 'nl') {}

  private get t() {
    return catalogs[this.language];
  }

  async waitForCreate(): Promise<void> {
    await this.page.getByRole('heading', { name: this.t.vault.createTitle }).waitFor();
  }

  async typeNewPassphrase(passphrase: string): Promise<void> {
    await this.page.getByLabel(this.t.vault.passphrase, { exact: true }).fill(passphrase);
    await this.page.getByLabel(this.t.vault.passphraseRepeat, { exact: true }).fill(passphrase);
    await this.page.locator('.strength-text').waitFor();
  }

  async submitCreate(): Promise<string> {
    await this.page.getByRole('button', { name: this.t.vault.create }).click();
    const key = this.page.getByTestId('recovery-key');
    await key.waitFor();
    return ((await key.textContent()) ?? '').replace(/(.{4})(?=.)/g, '$1-');
  }

  async confirmRecoveryKey(): Promise<void> {
    await this.page.getByLabel(this.t.vault.recoveryConfirm).check();
    await this.page.getByRole('button', { name: this.t.vault.recoveryDone }).click();
  }

  async waitForUnlock(): Promise<void> {
    await this.page.getByRole('heading', { name: this.t.vault.unlockTitle }).waitFor();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.page.getByLabel(this.t.vault.passphrase, { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: this.t.vault.unlock, exact: true }).click();
  }

  async unlockError(): Promise<string> {
    const alert = this.page.getByRole('alert');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: this.t.vault.lock }).click();
    await this.waitForUnlock();
  }

  async switchLanguage(language: Language): Promise<void> {
    await this.page.getByLabel(this.t.language.label).selectOption(language);
    this.language = language;
  }
}
