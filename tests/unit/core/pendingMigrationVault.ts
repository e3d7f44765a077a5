// A vault as an app before migration 0004 left it (user_version 3, the search index per
// section), with a real key file, so that the next unlock has the index rebuild of 0004 (and
// 0005, 0006) to do. Built with plain SQL in one transaction: the migration is what is
// measured, not the building, and a test needs it in a fraction of a second.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { Vault, VAULT_DB_FILE } from '../../../electron/core/vault/vault';
import type { ScryptParams } from '../../../electron/core/vault/keyWrap';
import { dutchWords, seededRandom } from '../../bench/syntheticText';

export const PRE_0004_VERSION = 3;

export interface PendingVault {
  dataDir: string;
  dbPath: string;
  /** The raw data key, for tests that look into the file without the passphrase. */
  key: Buffer;
  students: number;
  dialogues: number;
  /** A word that occurs in exactly one dialogue's transcript, to find it again after the rebuild. */
  needle: string;
  needleDialogueId: string;
}

interface Size { students: number; dialoguesPerStudent: number; wordsPerDialogue: number }

/** No vitest import here (nor through helpers/core): a plain script can build one too, to measure. */
export async function makePendingVault(dataDir: string, size: Size, passphrase: string, scryptParams: ScryptParams): Promise<PendingVault> {
  const vault = new Vault({ dataDir, appVersion: '0.0.0-test', scryptParams });
  await vault.create(passphrase);
  const { dataKey: key, keyFile } = vault.keyMaterial();
  vault.lock();
  // The key file stays; the database is made again, as version 3, under the same key and id.
  const dbPath = join(dataDir, VAULT_DB_FILE);
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });

  const db = openDatabase(dbPath, { key });
  const random = seededRandom(4004);
  const needle = 'zwaluwstaartverbinding';
  let needleDialogueId = '';
  let dialogues = 0;
  try {
    migrate(db, { target: PRE_0004_VERSION });
    const versions = db.prepare('SELECT id, kind, sections FROM template_versions ORDER BY rowid').all() as
      { id: string; kind: string; sections: string }[];
    const now = '2023-01-10T10:00:00.000Z';
    const insertStudent = db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES (?, ?, 'havo', ?, ?)`);
    const insertDialogue = db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, kind, held_on, content, word_count, created_at, updated_at)
      VALUES (?, ?, ?, ?, '2023-01-10', ?, ?, ?, ?)`);
    // Version 3 indexed a dialogue per section (0004 replaced that by passages).
    const insertSection = db.prepare(`INSERT INTO search_docs (source, student_id, dialogue_id, section_key, ref_id, body) VALUES ('dialogue', ?, ?, ?, ?, ?)`);
    db.transaction(() => {
      db.prepare('INSERT INTO vault_meta (id, vault_id, created_at, app_version) VALUES (1, ?, ?, ?)').run(keyFile.vaultId, now, '0.0.0-test');
      for (let s = 0; s < size.students; s++) {
        const studentId = randomUUID();
        insertStudent.run(studentId, `Leerling ${s + 1}`, now, now);
        for (let d = 0; d < size.dialoguesPerStudent; d++) {
          const version = versions[dialogues % versions.length]!;
          const keys = (JSON.parse(version.sections) as { key: string }[]).map((section) => section.key);
          const words = dutchWords(size.wordsPerDialogue, random);
          if (dialogues === 0) words[7] = needle;
          const turns: string[] = [];
          for (let at = 0; at < words.length; at += 60) turns.push(words.slice(at, at + 60).join(' '));
          const doc = keys.map((key, index) => ({
            type: 'section', sectionKey: key,
            children: (index === 0 ? turns : [dutchWords(40, random).join(' ')]).map((text, turn) => ({
              type: 'paragraph', ...(index === 0 ? { speaker: turn % 2 ? 'Leerling' : 'Mentor', role: turn % 2 ? 'leerling' : 'mentor' } : {}),
              children: [{ text }],
            })),
          }));
          const id = randomUUID();
          if (dialogues === 0) needleDialogueId = id;
          insertDialogue.run(id, studentId, version.id, version.kind, JSON.stringify(doc), words.length, now, now);
          for (const section of doc) insertSection.run(studentId, id, section.sectionKey, id, section.children.map((p) => p.children[0]!.text).join('\n'));
          dialogues++;
        }
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { dataDir, dbPath, key, students: size.students, dialogues, needle, needleDialogueId };
}
