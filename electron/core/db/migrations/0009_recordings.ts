/**
 * Consent and audio (issue 17). Audio sits in the vault itself, as BLOB segments: encrypted with
 * the vault key like every page, carried by every backup (a backup copies the vault), and gone
 * with an erasure (everything cascades from `students`; secure_delete and VACUUM cover it).
 *
 * - `consents`: who agreed to recording, when and what for; at most one active (unrevoked) row
 *   per student. A revoked row stays as the record of the revocation; its recordings do not.
 * - `recordings`: one per recorded or imported audio file of a dialogue. `status` is 'recording'
 *   while chunks still arrive, 'complete' once finished (or closed after an interruption).
 * - `recording_chunks`: the encoded bytes in order. Each acknowledged chunk is committed on its
 *   own; small chunks are appended to the last segment until it holds SEGMENT_BYTES, so that a
 *   row's partly filled last page stays small beside its size (docs/adr/0013-audio-in-the-vault.md).
 */
export const sql = /* sql */ `
CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  given_on TEXT NOT NULL,
  given_by TEXT NOT NULL CHECK (given_by IN ('student','parent_guardian')),
  purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
  registered_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE UNIQUE INDEX consents_active ON consents (student_id) WHERE revoked_at IS NULL;

CREATE TABLE recordings (
  id TEXT PRIMARY KEY,
  dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  mime TEXT NOT NULL CHECK (length(mime) BETWEEN 1 AND 100),
  source TEXT NOT NULL CHECK (source IN ('recorded','imported')),
  status TEXT NOT NULL CHECK (status IN ('recording','complete')),
  interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
  created_at TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
  byte_count INTEGER NOT NULL DEFAULT 0 CHECK (byte_count >= 0),
  -- The next chunk number the recording expects (chunks arrive in order).
  chunk_count INTEGER NOT NULL DEFAULT 0 CHECK (chunk_count >= 0)
) STRICT;
CREATE INDEX recordings_by_dialogue ON recordings (dialogue_id, created_at);
CREATE INDEX recordings_by_student ON recordings (student_id);

CREATE TABLE recording_chunks (
  recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
  segment INTEGER NOT NULL CHECK (segment >= 0),
  bytes BLOB NOT NULL,
  PRIMARY KEY (recording_id, segment)
) STRICT;
`;
