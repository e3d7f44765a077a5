// The schema for the whole domain of DOMAIN.md. Later issues fill in repositories; the
// tables are here from the start so that migrations stay additive.
export const sql = /* sql */ `
CREATE TABLE vault_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  vault_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  app_version TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

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
) STRICT;
CREATE INDEX students_by_name ON students (archived_at, display_name COLLATE NOCASE);

CREATE TABLE placements (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  organisation TEXT NOT NULL,
  supervisor TEXT NOT NULL DEFAULT '',
  start_date TEXT,
  end_date TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX placements_by_student ON placements (student_id);

-- A template is a family; each edit makes a new immutable version, and dialogues point at
-- the version they were made with.
CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  builtin_key TEXT UNIQUE,
  copied_from TEXT REFERENCES templates(id) ON DELETE SET NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL
) STRICT;

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
CREATE INDEX dialogues_by_student ON dialogues (student_id, held_on);

CREATE TABLE dialogue_participants (
  id TEXT PRIMARY KEY,
  dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('leerling','mentor','praktijkbegeleider','ouder','anders')),
  position INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX participants_by_dialogue ON dialogue_participants (dialogue_id);

-- The codebook: built-in codes (builtin_key set) and the mentor's own, nested by parent.
CREATE TABLE codes (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES codes(id) ON DELETE CASCADE,
  builtin_key TEXT UNIQUE,
  name TEXT NOT NULL,
  color TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

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
CREATE INDEX annotations_by_dialogue ON annotations (dialogue_id);
CREATE INDEX annotations_by_code ON annotations (code_id);

CREATE TABLE actions (
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
CREATE INDEX actions_open_by_student ON actions (student_id, done_at, due_date);

CREATE TABLE amendments (
  id TEXT PRIMARY KEY,
  dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
  content TEXT NOT NULL CHECK (json_valid(content)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX amendments_by_dialogue ON amendments (dialogue_id, created_at);

-- What happened, never what was said: kinds and counts only, no names, no text.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;
CREATE INDEX audit_by_time ON audit_events (at);
`;
