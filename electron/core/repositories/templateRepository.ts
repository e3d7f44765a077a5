import { AppError } from '../../../shared/errors';
import type { TemplateSection, TemplateVersion } from '../../../shared/dialogueSchemas';
import type { DialogueKind } from '../../../shared/domain';
import type { Db } from '../db/connection';
import { compareNames } from '../../../shared/collation';

interface Row {
  id: string; template_id: string; version: number; name: string; kind: DialogueKind; sections: string;
  created_at: string; builtin_key: string | null; archived_at: string | null;
}

const toVersion = (row: Row): TemplateVersion => ({
  id: row.id,
  templateId: row.template_id,
  version: row.version,
  name: row.name,
  kind: row.kind,
  sections: JSON.parse(row.sections) as TemplateSection[],
  builtinKey: row.builtin_key,
  archived: row.archived_at !== null,
  createdAt: row.created_at,
});

const SELECT = `SELECT v.id, v.template_id, v.version, v.name, v.kind, v.sections, v.created_at, t.builtin_key, t.archived_at
  FROM template_versions v JOIN templates t ON t.id = v.template_id`;
const LATEST = 'v.version = (SELECT max(version) FROM template_versions WHERE template_id = v.template_id)';

export interface NewVersion { templateId: string; version: number; name: string; kind: DialogueKind; sections: TemplateSection[] }

/** SQL for templates and their immutable versions, as stored (built-ins in Dutch). */
export class TemplateRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      latestActive: db.prepare(`${SELECT} WHERE ${LATEST} AND t.archived_at IS NULL ORDER BY v.id`),
      latestAll: db.prepare(`${SELECT} WHERE ${LATEST} ORDER BY v.id`),
      latestOf: db.prepare(`${SELECT} WHERE ${LATEST} AND v.template_id = ?`),
      version: db.prepare(`${SELECT} WHERE v.id = ?`),
      insertTemplate: db.prepare('INSERT INTO templates (id, copied_from, created_at) VALUES (?, ?, ?)'),
      insertVersion: db.prepare(`INSERT INTO template_versions (id, template_id, version, name, kind, sections, created_at)
        VALUES (@id, @templateId, @version, @name, @kind, @sections, @now)`),
      setArchived: db.prepare('UPDATE templates SET archived_at = ? WHERE id = ?'),
    };
  }

  /** The latest version of each template, by stored name in Dutch order (compareNames; SQLite has no Dutch collation). */
  listLatest(includeArchived: boolean): TemplateVersion[] {
    const statement = includeArchived ? this.statements.latestAll : this.statements.latestActive;
    return (statement.all() as Row[]).sort((a, b) => compareNames(a.name, b.name)).map(toVersion);
  }

  latest(templateId: string): TemplateVersion {
    const row = this.statements.latestOf.get(templateId) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toVersion(row);
  }

  version(versionId: string): TemplateVersion {
    const row = this.statements.version.get(versionId) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toVersion(row);
  }

  insertTemplate(id: string, copiedFrom: string | null, now: string): void {
    this.statements.insertTemplate.run(id, copiedFrom, now);
  }

  insertVersion(id: string, fields: NewVersion, now: string): TemplateVersion {
    this.statements.insertVersion.run({ id, ...fields, sections: JSON.stringify(fields.sections), now });
    return this.version(id);
  }

  setArchived(templateId: string, archivedAt: string | null): void {
    if (this.statements.setArchived.run(archivedAt, templateId).changes === 0) throw new AppError('NOT_FOUND');
  }
}
