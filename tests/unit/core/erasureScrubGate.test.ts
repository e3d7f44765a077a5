import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/contract';
import { openDatabase } from '../../../electron/core/db/connection';
import { READS_DURING_SCRUB } from '../../../electron/core/erasure/erasureScrubber';
import { makeUnlockedBackend } from '../helpers/core';
import { docFor, leaf, paragraph } from '../helpers/dialogues';

// The channels that do not wait for an erasure's scrub (ErasureScrubber) must not write: a
// write would wait for the scrub's write lock on the host's thread. Each runs here while another
// connection holds the write lock and the host's busy_timeout is 0, so a write fails at once.

describe('reads let through during an erasure scrub', () => {
  it('each answers while another connection holds the write lock', async () => {
    const { backend, api } = await makeUnlockedBackend();
    const student = await api.students.create({ displayName: 'Blijvende Bertha', schoolType: 'havo' });
    const template = (await api.templates.list({})).find((t) => t.builtinKey)!;
    const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: template.id, heldOn: '2026-11-02', title: 'Gesprek', participants: [] });
    await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content: docFor(template, { [template.sections[0]!.key]: [paragraph(leaf('stage bij de bakker'))] }) });

    const requests: Record<string, unknown> = {
      'vault:status': {}, 'policy:get': {}, 'session:activity': {}, 'settings:get': {}, 'firstRun:status': {}, 'status:backup': {},
      'backups:getSettings': {}, 'students:list': {}, 'students:get': { id: student.id }, 'students:overview': { id: student.id },
      'students:timeline': { id: student.id }, 'placements:list': { studentId: student.id }, 'templates:list': {},
      'templates:get': { versionId: template.id }, 'dialogues:list': { studentId: student.id }, 'dialogues:get': { id: dialogue.id },
      'codes:list': {}, 'actions:list': { studentId: student.id }, 'today:overview': {}, 'groups:overview': {},
      'search:query': { query: 'bakker' }, 'quickFind:query': { query: 'Bert' }, 'audit:list': {}, 'retention:due': {},
      'retention:getYears': {}, 'consent:get': { studentId: student.id }, 'recordings:list': { dialogueId: dialogue.id },
    };
    // Every channel let through has a request here, so one added to the set is tested too.
    expect([...READS_DURING_SCRUB].sort()).toEqual(Object.keys(requests).sort());

    const db = backend.vault.database();
    db.pragma('busy_timeout = 0');
    const { dataKey } = backend.vault.keyMaterial();
    const other = openDatabase(backend.vault.dbPath, { key: dataKey });
    dataKey.fill(0);
    try {
      other.exec('BEGIN IMMEDIATE');
      other.prepare(`INSERT INTO settings (key, value) VALUES ('gate.test', '1')`).run();
      // Control: a write on the host connection does fail at once under this lock.
      expect(() => db.prepare(`INSERT INTO settings (key, value) VALUES ('gate.host', '1')`).run()).toThrow(/locked|busy/i);
      for (const channel of READS_DURING_SCRUB) {
        const result = await backend.dispatch(channel as Channel, requests[channel]);
        expect(result, channel).toMatchObject({ ok: true });
      }
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      db.pragma('busy_timeout = 5000');
    }
  });
});
