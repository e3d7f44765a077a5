-- index agreements_open_by_student ON agreements
CREATE INDEX agreements_open_by_student ON agreements (student_id, done_at, due_date);

-- index amendments_by_dialogue ON amendments
CREATE INDEX amendments_by_dialogue ON amendments (dialogue_id, created_at);

-- index annotations_by_code ON annotations
CREATE INDEX annotations_by_code ON annotations (code_id);

-- index annotations_by_dialogue ON annotations
CREATE INDEX annotations_by_dialogue ON annotations (dialogue_id);

-- index annotations_passages_by_code ON annotations
CREATE INDEX annotations_passages_by_code ON annotations (code_id) WHERE quote <> '';

-- index annotations_passages_by_dialogue ON annotations
CREATE INDEX annotations_passages_by_dialogue ON annotations (dialogue_id) WHERE quote <> '';

-- index audit_by_time ON audit_events
CREATE INDEX audit_by_time ON audit_events (at);

-- index consents_active ON consents
CREATE UNIQUE INDEX consents_active ON consents (student_id) WHERE revoked_at IS NULL;

-- index dialogues_by_student ON dialogues
CREATE INDEX dialogues_by_student ON dialogues
  (student_id, held_on, created_at, id, title, kind, status, word_count, updated_at, template_version_id);

-- index participants_by_dialogue ON dialogue_participants
CREATE INDEX participants_by_dialogue ON dialogue_participants (dialogue_id);

-- index placements_by_student ON placements
CREATE INDEX placements_by_student ON placements (student_id);

-- index recordings_by_dialogue ON recordings
CREATE INDEX recordings_by_dialogue ON recordings (dialogue_id, created_at);

-- index recordings_by_student ON recordings
CREATE INDEX recordings_by_student ON recordings (student_id);

-- index search_docs_by_dialogue ON search_docs
CREATE INDEX search_docs_by_dialogue ON search_docs (dialogue_id);

-- index search_docs_by_ref ON search_docs
CREATE INDEX search_docs_by_ref ON search_docs (ref_id, source);

-- index search_docs_by_student ON search_docs
CREATE INDEX search_docs_by_student ON search_docs (student_id);

-- index sqlite_autoindex_agreements_1 ON agreements
(automatic);

-- index sqlite_autoindex_amendments_1 ON amendments
(automatic);

-- index sqlite_autoindex_annotations_1 ON annotations
(automatic);

-- index sqlite_autoindex_codes_1 ON codes
(automatic);

-- index sqlite_autoindex_codes_2 ON codes
(automatic);

-- index sqlite_autoindex_consents_1 ON consents
(automatic);

-- index sqlite_autoindex_dialogue_participants_1 ON dialogue_participants
(automatic);

-- index sqlite_autoindex_dialogues_1 ON dialogues
(automatic);

-- index sqlite_autoindex_erased_students_1 ON erased_students
(automatic);

-- index sqlite_autoindex_placements_1 ON placements
(automatic);

-- index sqlite_autoindex_recording_chunks_1 ON recording_chunks
(automatic);

-- index sqlite_autoindex_recordings_1 ON recordings
(automatic);

-- index sqlite_autoindex_settings_1 ON settings
(automatic);

-- index sqlite_autoindex_students_1 ON students
(automatic);

-- index sqlite_autoindex_template_versions_1 ON template_versions
(automatic);

-- index sqlite_autoindex_template_versions_2 ON template_versions
(automatic);

-- index sqlite_autoindex_templates_1 ON templates
(automatic);

-- index sqlite_autoindex_templates_2 ON templates
(automatic);

-- index students_by_name ON students
CREATE INDEX students_by_name ON students (archived_at, display_name COLLATE NOCASE);

-- index students_by_number ON students
CREATE UNIQUE INDEX students_by_number ON students (student_number) WHERE student_number IS NOT NULL;

-- table agreements ON agreements
CREATE TABLE "agreements" (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  dialogue_id TEXT REFERENCES dialogues(id) ON DELETE CASCADE,
  annotation_id TEXT REFERENCES annotations(id) ON DELETE SET NULL,
  text TEXT NOT NULL CHECK (length(text) >= 1),
  owner TEXT NOT NULL CHECK (owner IN ('student','mentor')),
  due_date TEXT,
  done_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- table amendments ON amendments
CREATE TABLE amendments (
  id TEXT PRIMARY KEY,
  dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
  content TEXT NOT NULL CHECK (json_valid(content)),
  created_at TEXT NOT NULL
) STRICT;

-- table annotations ON annotations
CREATE TABLE annotations (
  id TEXT PRIMARY KEY,
  dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id),
  quote TEXT NOT NULL DEFAULT '',
  memo TEXT NOT NULL DEFAULT '',
  -- {dilemmaType, context} for Grenservaring; free for others.
  attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- table audit_events ON audit_events
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

-- table codes ON codes
CREATE TABLE codes (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES codes(id) ON DELETE CASCADE,
  builtin_key TEXT UNIQUE,
  name TEXT NOT NULL,
  color TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, cue TEXT NOT NULL DEFAULT 'solid'
  CHECK (cue IN ('solid','dashed','dotted','double','wavy'))) STRICT;

-- table consents ON consents
CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  given_on TEXT NOT NULL,
  given_by TEXT NOT NULL CHECK (given_by IN ('student','parent_guardian')),
  purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
  registered_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

-- table dialogue_participants ON dialogue_participants
CREATE TABLE "dialogue_participants" (
  id TEXT PRIMARY KEY,
  dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('student','mentor','workplaceSupervisor','parent','other')),
  position INTEGER NOT NULL DEFAULT 0
) STRICT;

-- table dialogues ON dialogues
CREATE TABLE dialogues (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  template_version_id TEXT NOT NULL REFERENCES template_versions(id),
  placement_id TEXT REFERENCES placements(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('internal','external')),
  held_on TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  -- Slate document as JSON; tags are marks keyed per annotation (ann_<id>).
  content TEXT NOT NULL CHECK (json_valid(content)),
  word_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final')),
  finalised_at TEXT,
  revision INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- table erased_students ON erased_students
CREATE TABLE erased_students (
  student_id TEXT PRIMARY KEY,
  erased_at TEXT NOT NULL
) STRICT;

-- table placements ON placements
CREATE TABLE placements (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  organisation TEXT NOT NULL,
  supervisor TEXT NOT NULL DEFAULT '',
  start_date TEXT,
  end_date TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- table recording_chunks ON recording_chunks
CREATE TABLE recording_chunks (
  recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
  segment INTEGER NOT NULL CHECK (segment >= 0),
  bytes BLOB NOT NULL,
  PRIMARY KEY (recording_id, segment)
) STRICT;

-- table recordings ON recordings
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

-- table search_docs ON search_docs
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('dialogue','memo','action','student')),
  student_id TEXT NOT NULL,
  dialogue_id TEXT,
  section_key TEXT,
  ref_id TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;

-- table search_index ON search_index
CREATE VIRTUAL TABLE search_index USING fts5(
  body, content = 'search_docs', content_rowid = 'id',
  tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
);

-- table search_index_config ON search_index_config
CREATE TABLE 'search_index_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table search_index_data ON search_index_data
CREATE TABLE 'search_index_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table search_index_docsize ON search_index_docsize
CREATE TABLE 'search_index_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table search_index_idx ON search_index_idx
CREATE TABLE 'search_index_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table settings ON settings
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- table students ON students
CREATE TABLE students (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  school_type TEXT NOT NULL CHECK (school_type IN
    ('vmbo-b','vmbo-k','vmbo-g','vmbo-t','havo','vwo','mbo-1','mbo-2','mbo-3','mbo-4','hbo')),
  programme TEXT NOT NULL DEFAULT '',
  cohort TEXT NOT NULL DEFAULT '',
  mentor TEXT NOT NULL DEFAULT '',
  leaving_date TEXT,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
, student_number TEXT CHECK (student_number IS NULL OR length(student_number) BETWEEN 1 AND 32)) STRICT;

-- table template_versions ON template_versions
CREATE TABLE template_versions (
  id TEXT PRIMARY KEY,
  template_id TEXT NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('internal','external')),
  -- JSON array of sections {key, title, prompt, competence, private}; immutable once written.
  sections TEXT NOT NULL CHECK (json_valid(sections)),
  created_at TEXT NOT NULL,
  UNIQUE (template_id, version)
) STRICT;

-- table templates ON templates
CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  builtin_key TEXT UNIQUE,
  copied_from TEXT REFERENCES templates(id) ON DELETE SET NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- table vault_meta ON vault_meta
CREATE TABLE vault_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  vault_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  app_version TEXT NOT NULL
) STRICT;

-- trigger search_agreements_ad ON agreements
CREATE TRIGGER search_agreements_ad AFTER DELETE ON agreements BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'action';
END;

-- trigger search_agreements_ai ON agreements
CREATE TRIGGER search_agreements_ai AFTER INSERT ON agreements BEGIN
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body) VALUES ('action', new.student_id, new.dialogue_id, new.id, new.text);
END;

-- trigger search_agreements_au ON agreements
CREATE TRIGGER search_agreements_au AFTER UPDATE OF text, student_id, dialogue_id ON agreements BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'action';
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body) VALUES ('action', new.student_id, new.dialogue_id, new.id, new.text);
END;

-- trigger search_dialogues_ad ON dialogues
CREATE TRIGGER search_dialogues_ad AFTER DELETE ON dialogues BEGIN
  DELETE FROM search_docs WHERE dialogue_id = old.id;
END;

-- trigger search_docs_ad ON search_docs
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, search_fold(old.body));
END;

-- trigger search_docs_ai ON search_docs
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_index (rowid, body) VALUES (new.id, search_fold(new.body));
END;

-- trigger search_docs_au ON search_docs
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, search_fold(old.body));
  INSERT INTO search_index (rowid, body) VALUES (new.id, search_fold(new.body));
END;

-- trigger search_memos_ad ON annotations
CREATE TRIGGER search_memos_ad AFTER DELETE ON annotations BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'memo';
END;

-- trigger search_memos_ai ON annotations
CREATE TRIGGER search_memos_ai AFTER INSERT ON annotations WHEN new.memo <> '' BEGIN
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
    SELECT 'memo', d.student_id, d.id, new.id, new.memo FROM dialogues d WHERE d.id = new.dialogue_id;
END;

-- trigger search_memos_au ON annotations
CREATE TRIGGER search_memos_au AFTER UPDATE OF memo, dialogue_id ON annotations BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'memo';
  INSERT INTO search_docs (source, student_id, dialogue_id, ref_id, body)
    SELECT 'memo', d.student_id, d.id, new.id, new.memo FROM dialogues d WHERE d.id = new.dialogue_id AND new.memo <> '';
END;

-- trigger search_students_ad ON students
CREATE TRIGGER search_students_ad AFTER DELETE ON students BEGIN
  DELETE FROM search_docs WHERE student_id = old.id;
END;

-- trigger search_students_ai ON students
CREATE TRIGGER search_students_ai AFTER INSERT ON students BEGIN
  INSERT INTO search_docs (source, student_id, ref_id, body) VALUES ('student', new.id, new.id, new.display_name);
END;

-- trigger search_students_au ON students
CREATE TRIGGER search_students_au AFTER UPDATE OF display_name ON students BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id AND source = 'student';
  INSERT INTO search_docs (source, student_id, ref_id, body) VALUES ('student', new.id, new.id, new.display_name);
END;
