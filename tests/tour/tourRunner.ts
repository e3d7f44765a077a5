import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Numbers the tour's steps and leaves one screenshot per step in `<dir>/screens/NN-<name>.png`. */
export class TourRunner {
  private count = 0;
  readonly screensDir: string;

  constructor(private page: Page, dir: string) {
    this.screensDir = join(dir, 'screens');
  }

  /**
   * Takes the following steps' screenshots from `page` (another app instance, such as a new
   * computer), numbered on; returns the page used so far, to switch back.
   */
  usePage(page: Page): Page {
    const previous = this.page;
    this.page = page;
    return previous;
  }

  async init(): Promise<void> {
    await mkdir(this.screensDir, { recursive: true });
  }

  /**
   * `window: true` takes the picture of the window as it is (an open dialog over the editor,
   * where the mentor scrolled to) instead of the whole page from the top.
   */
  async step(name: string, action: () => Promise<void>, options: { window?: boolean } = {}): Promise<void> {
    const number = String(++this.count).padStart(2, '0');
    const started = Date.now();
    try {
      await action();
      // Let transitions and lazily loaded pieces settle, so the picture is what a mentor sees.
      await this.page.waitForTimeout(150);
      // Full-page pictures are taken from the top, so sticky toolbars sit where a reader sees them.
      if (!options.window) await this.page.evaluate(() => window.scrollTo(0, 0));
      await this.page.screenshot({ path: join(this.screensDir, `${number}-${name}.png`), fullPage: !options.window });
      console.log(`  ✓ ${number} ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      await this.page.screenshot({ path: join(this.screensDir, `${number}-${name}-FAILED.png`), fullPage: true }).catch(() => undefined);
      console.error(`  ✗ ${number} ${name}: ${(error as Error).message}`);
      throw error;
    }
  }
}
