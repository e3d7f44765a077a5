import { randomUUID } from 'node:crypto';
import { BUILTIN_CODES } from '../../../../shared/builtins/codes';
import { BUILTIN_TEMPLATES } from '../../../../shared/builtins/templates';
import type { TemplateSection } from '../../../../shared/dialogueSchemas';
import type { Db } from '../connection';

// Every code gets an underline style besides its colour, so colour is never the only cue.
export const sql = /* sql */ `
ALTER TABLE codes ADD COLUMN cue TEXT NOT NULL DEFAULT 'solid'
  CHECK (cue IN ('solid','dashed','dotted','double','wavy'));
`;

/**
 * Seeds the built-in templates and codebook in Dutch. Readers show built-ins in the UI language
 * by their builtin_key, so the stored words only matter as a fallback. The section keys stored
 * here are final for version 1: a later change to the built-ins needs its own migration.
 */
export function up(db: Db): void {
  const now = new Date().toISOString();
  const insertTemplate = db.prepare('INSERT INTO templates (id, builtin_key, created_at) VALUES (?, ?, ?)');
  const insertVersion = db.prepare(`INSERT INTO template_versions (id, template_id, version, name, kind, sections, created_at)
    VALUES (?, ?, 1, ?, ?, ?, ?)`);
  for (const template of BUILTIN_TEMPLATES) {
    const templateId = randomUUID();
    const sections: TemplateSection[] = template.sections.map((section) => ({
      key: section.key,
      title: section.title.nl,
      prompt: section.prompt.nl,
      competence: section.competence,
      private: section.private,
    }));
    insertTemplate.run(templateId, template.key, now);
    insertVersion.run(randomUUID(), templateId, template.name.nl, template.kind, JSON.stringify(sections), now);
  }

  const insertCode = db.prepare(`INSERT INTO codes (id, parent_id, builtin_key, name, color, cue, position, created_at, updated_at)
    VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)`);
  BUILTIN_CODES.forEach((code, position) => {
    insertCode.run(randomUUID(), code.key, code.name.nl, code.color, code.cue, position, now, now);
  });
}
