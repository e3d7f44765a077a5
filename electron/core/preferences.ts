import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../../shared/domain';
import { type FileOps, writeFileAtomic } from './vault/fileOps';

/**
 * The only setting needed before unlocking: the language of the unlock screen. It is not
 * sensitive, so it lives in plain JSON beside the vault; everything else is in the vault.
 */
const PreferencesFile = z.object({ language: z.enum(LANGUAGES) });
export const PREFERENCES_FILE = 'preferences.json';

/** A school policy's language: the default before the mentor picks one, or always when locked. */
export interface PolicyLanguage { language: Language; locked: boolean }

export class Preferences {
  private cached: Language | null = null;
  constructor(private readonly ops: FileOps, private readonly dataDir: string, private readonly policy?: PolicyLanguage) {}

  async language(): Promise<Language> {
    if (this.policy?.locked) return this.policy.language;
    if (this.cached) return this.cached;
    try {
      const parsed = PreferencesFile.safeParse(JSON.parse((await this.ops.readFile(join(this.dataDir, PREFERENCES_FILE))).toString('utf8')));
      this.cached = parsed.success ? parsed.data.language : this.policy?.language ?? 'nl';
    } catch {
      this.cached = this.policy?.language ?? 'nl';
    }
    return this.cached;
  }

  async setLanguage(language: Language): Promise<void> {
    this.cached = language;
    // Before the first vault the folder may not exist; the preference then lives in memory.
    if (await this.ops.exists(this.dataDir)) {
      await writeFileAtomic(this.ops, join(this.dataDir, PREFERENCES_FILE), JSON.stringify({ language }));
    }
  }
}
