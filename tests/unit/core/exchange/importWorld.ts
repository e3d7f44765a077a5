import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Api } from '../../../../shared/api';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { type FakeClock, makeUnlockedBackend } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';
import { folderTarget } from '../export/serviceWorld';

/** An unlocked, empty vault whose open dialog answers with whatever file a test puts in it. */
export async function makeImportWorld(options: { clock?: FakeClock } = {}) {
  const exportsDir = tempDir('lbd-refi-');
  const picker = chosenFilePicker();
  const made = await makeUnlockedBackend({
    ...(options.clock ? { clock: options.clock } : {}),
    openFilePicker: picker,
    saveTarget: folderTarget(exportsDir),
  });
  return { ...made, picker, exportsDir };
}

/** Writes `bytes` as a file in a temp folder and returns its path. */
export function fileWith(bytes: Buffer | string, name = 'project.qdpx'): string {
  const path = join(tempDir('lbd-refi-in-'), name);
  writeFileSync(path, bytes);
  return path;
}

/** A zip with the given entries (text or bytes), as QDA tools write them. */
export async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(entries)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Everything the vault holds that an import could add to, as counts per table. */
export function tableCounts(db: { prepare(sql: string): { pluck(): { get(): unknown } } }): Record<string, number> {
  const tables = ['students', 'dialogues', 'annotations', 'codes', 'templates', 'template_versions', 'search_docs', 'audit_events'];
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
}

/** Every tag of every dialogue of every student, with its code's name (in the UI language) and the code's parent's. */
export async function tagsOf(api: Api) {
  const codes = new Map((await api.codes.list()).map((code) => [code.id, code]));
  const tags: { student: string; dialogue: string; code: string; quote: string; memo: string }[] = [];
  for (const student of await api.students.list({})) {
    for (const summary of await api.dialogues.list({ studentId: student.id })) {
      const dialogue = await api.dialogues.get({ id: summary.id });
      for (const annotation of dialogue.annotations) {
        tags.push({ student: student.displayName, dialogue: dialogue.id, code: codes.get(annotation.codeId)!.name, quote: annotation.quote, memo: annotation.memo });
      }
    }
  }
  return tags;
}
