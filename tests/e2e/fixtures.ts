import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { type Harness, type HarnessOptions, startHarness } from '../harness/harness';
import { StudentsPage } from '../harness/pages/StudentsPage';
import { VaultPages } from '../harness/pages/VaultPages';

export const PASSPHRASE = 'fiets lantaarn oktober kompas';
// Production-strength scrypt is what the tour uses; e2e tests lower it to keep the suite quick.
/** The path of a test-hooks module in tests/e2e/hooks, for `backend.testHooks`. */
export function hook(name: string): string {
  return join(import.meta.dirname, 'hooks', `${name}.ts`);
}

export const FAST_KDF: HarnessOptions = { backend: { scryptParams: { N: 2 ** 12, r: 8, p: 1 } } };

export interface App {
  harness: Harness;
  page: Page;
  vault: VaultPages;
  students: StudentsPage;
}

export async function openApp(options: HarnessOptions = FAST_KDF): Promise<App> {
  const harness = await startHarness(options);
  return { harness, page: harness.page, vault: new VaultPages(harness.page), students: new StudentsPage(harness.page) };
}

/** A fresh app with a vault made through the UI, unlocked on the (empty) student list. */
export async function openUnlockedApp(options: HarnessOptions = FAST_KDF): Promise<App & { recoveryKey: string }> {
  const app = await openApp(options);
  await app.vault.waitForCreate();
  await app.vault.typeNewPassphrase(PASSPHRASE);
  const recoveryKey = await app.vault.submitCreate();
  await app.vault.confirmRecoveryKey();
  await app.students.waitForList();
  return { ...app, recoveryKey };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core violations of every impact level (minor and moderate too: issue 15's bar) on the
 * current screen, each as 'impact id: targets'.
 */
export async function a11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}
