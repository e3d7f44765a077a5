import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateVersion } from '../../../../shared/dialogueSchemas';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { PackButtons } from '../exchange/PackButtons';
import { TemplateEditor } from './TemplateEditor';
import '../../styles/features.css';

const isBuiltin = (template: TemplateVersion) => template.builtinKey !== null;

/** The dialogue templates: built-ins to copy, the mentor's own to edit (as new versions) or archive. */
export function TemplatesScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const toasts = useToasts();
  const errorText = useErrorText();
  // Archived ones too: the list filters them, as the student list does.
  const [all, setAll] = useState<TemplateVersion[] | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<TemplateVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** After the editor closes, focus returns to the row it was opened from (or the heading). */
  const [returnFocus, setReturnFocus] = useState<string | null>(null);

  const fail = useCallback((caught: unknown) => {
    if (!session.handleLocked(caught)) setError(errorText(caught));
  }, [session, errorText]);

  const reload = useCallback(async () => {
    try {
      setAll(await getApi().templates.list({ includeArchived: true }));
    } catch (caught) {
      fail(caught);
    }
  }, [fail]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (editing || !returnFocus || !all) return;
    (document.getElementById(returnFocus) ?? document.getElementById('templates-title'))?.focus();
    setReturnFocus(null);
  }, [editing, returnFocus, all]);

  async function copy(template: TemplateVersion) {
    setError(null);
    try {
      // The editor opening on "Kopie van …" says what happened; no toast to cover its buttons.
      setEditing(await getApi().templates.copy({ templateId: template.templateId }));
      void reload();
    } catch (caught) {
      fail(caught);
    }
  }

  async function setArchived(template: TemplateVersion, archived: boolean) {
    setError(null);
    try {
      await getApi().templates.setArchived({ templateId: template.templateId, archived });
      if (archived) toasts.show(t('templates.archivedToast', { name: template.name }), () => void setArchived(template, false));
      else toasts.show(t('templates.restoredToast', { name: template.name }));
      await reload();
    } catch (caught) {
      fail(caught);
    }
  }

  const closeEditor = useCallback(() => {
    setReturnFocus(editing ? `template-edit-${editing.templateId}` : 'templates-title');
    setEditing(null);
  }, [editing]);

  if (editing) {
    return (
      <TemplateEditor
        key={editing.id}
        template={editing}
        onClose={closeEditor}
        onSaved={(saved) => {
          toasts.show(t('templates.savedToast', { version: saved.version }));
          closeEditor();
          void reload();
        }}
      />
    );
  }

  const visible = all?.filter((template) => includeArchived || !template.archived) ?? [];

  return (
    <section className="screen" aria-labelledby="templates-title">
      <header className="screen-header">
        <div>
          <h1 id="templates-title" tabIndex={-1}>{t('templates.title')}</h1>
          <p className="subtle intro">{t('templates.intro')}</p>
        </div>
      </header>
      <p className="notice">{t('templates.versionsNote')}</p>
      <ErrorMessage message={error} />

      {all && (
        <>
          <div className="toolbar">
            <label className="checkbox">
              <input type="checkbox" checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />
              <span>{t('templates.showArchived')}</span>
            </label>
            <PackButtons onError={setError} onImported={() => void reload()} />
          </div>
          {visible.length === 0 ? (
            <p className="subtle">{t('templates.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table templates-table">
                <thead>
                  <tr>
                    <th scope="col">{t('templates.columns.name')}</th>
                    <th scope="col">{t('templates.columns.kind')}</th>
                    <th scope="col">{t('templates.columns.version')}</th>
                    <th scope="col">{t('templates.columns.sections')}</th>
                    <th scope="col"><span className="visually-hidden">{t('templates.columns.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((template) => (
                    <tr key={template.templateId} className={template.archived ? 'archived' : undefined}>
                      <th scope="row">
                        <span className="template-name">{template.name}</span>
                        {isBuiltin(template) && <span className="badge badge-builtin">{t('templates.builtin')}</span>}
                        {template.archived && <span className="badge">{t('templates.archived')}</span>}
                      </th>
                      <td>{t(`templates.kinds.${template.kind}`)}</td>
                      <td>{template.version}</td>
                      <td>{t('templates.sectionCount', { count: template.sections.length })}</td>
                      <td className="row-actions">
                        {isBuiltin(template) ? (
                          <button type="button" className="button button-ghost" id={`template-copy-${template.templateId}`}
                            onClick={() => void copy(template)} aria-label={`${t('templates.copy')}: ${template.name}`}>
                            {t('templates.copy')}
                          </button>
                        ) : (
                          <>
                            <button type="button" className="button button-ghost" id={`template-edit-${template.templateId}`}
                              onClick={() => setEditing(template)} aria-label={`${t('templates.edit')}: ${template.name}`}>
                              {t('templates.edit')}
                            </button>
                            {template.archived ? (
                              <button type="button" className="button button-ghost" onClick={() => void setArchived(template, false)}
                                aria-label={`${t('templates.restore')}: ${template.name}`}>{t('templates.restore')}</button>
                            ) : (
                              <button type="button" className="button button-ghost" onClick={() => void setArchived(template, true)}
                                aria-label={`${t('templates.archive')}: ${template.name}`}>{t('templates.archive')}</button>
                            )}
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
