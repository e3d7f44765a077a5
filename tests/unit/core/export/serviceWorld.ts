import { join } from 'node:path';
import { vi } from 'vitest';
import type { SaveTarget } from '../../../../electron/core/export/saveTarget';
import type { TemplateVersion } from '../../../../shared/dialogueSchemas';
import { type FakeClock, faultyFileOps, makeUnlockedBackend } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

/** A SaveTarget that answers like a save dialog where the mentor picked `folder` (or cancelled). */
export function folderTarget(folder: string, options: { cancel?: boolean } = {}) {
  const choose = vi.fn(async (suggestedFileName: string): Promise<string | null> => (options.cancel ? null : join(folder, suggestedFileName)));
  return { choose } satisfies SaveTarget;
}

/**
 * An unlocked backend with one student (with a mentor), built-in templates and codes by key, a
 * temp folder for exports and switchable file faults. The target picks the exports folder.
 */
export async function makeExportWorld(options: { clock?: FakeClock; saveTarget?: SaveTarget; displayName?: string } = {}) {
  const exportsDir = tempDir('lbd-exports-');
  const faults = faultyFileOps();
  const target = folderTarget(exportsDir);
  const made = await makeUnlockedBackend({
    ...(options.clock ? { clock: options.clock } : {}),
    fileOps: faults.ops,
    saveTarget: options.saveTarget ?? target,
  });
  const student = await made.api.students.create({
    displayName: options.displayName ?? 'Noor el Amrani', schoolType: 'mbo-2', mentor: 'Mevr. Smit',
  });
  const templates = new Map((await made.api.templates.list()).map((template) => [template.builtinKey!, template]));
  const codes = new Map((await made.api.codes.list()).map((code) => [code.builtinKey!, code]));
  const template = (key: string): TemplateVersion => {
    const found = templates.get(key);
    if (!found) throw new Error(`no built-in template ${key}`);
    return found;
  };
  const code = (key: string): string => {
    const found = codes.get(key);
    if (!found) throw new Error(`no built-in code ${key}`);
    return found.id;
  };
  return { ...made, student, template, code, exportsDir, faults, target };
}

/** The first bytes of every .docx: a ZIP local file header. */
export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
