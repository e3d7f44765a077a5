import { type FormEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateSection, TemplateVersion } from '../../../../shared/dialogueSchemas';
import { COMPETENCES, type Competence, DIALOGUE_KINDS, type DialogueKind } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { getApi } from '../../api';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { assignSectionKeys } from './sectionKeys';
import '../../styles/features.css';

/** TemplateDraft allows this many sections. */
export const MAX_SECTIONS = 30;

/** A section being edited; `key` is null until a new section is saved and gets one from its title. */
interface EditableSection extends Omit<TemplateSection, 'key'> {
  uid: string;
  key: string | null;
}

let nextUid = 1;
const editable = (section: TemplateSection): EditableSection => ({ ...section, uid: `s${nextUid++}` });
const blankSection = (): EditableSection => ({ uid: `s${nextUid++}`, key: null, title: '', prompt: '', competence: null, private: false });

/** What "unsaved changes" compares: everything that saving would send. */
const snapshot = (name: string, kind: DialogueKind, sections: readonly EditableSection[]) =>
  JSON.stringify([name, kind, sections.map(({ key, title, prompt, competence, private: isPrivate }) => [key, title, prompt, competence, isPrivate])]);

interface Props {
  template: TemplateVersion;
  onSaved(version: TemplateVersion): void;
  onClose(): void;
}

type Focus = { uid: string; part: 'up' | 'down' | 'title' } | { id: string } | null;

/**
 * Edits a custom template. Saving makes a new version; dialogues made with an earlier version
 * keep it, so nothing here ever changes an existing dialogue.
 */
export function TemplateEditor({ template, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const baseErrorText = useErrorText();
  const [name, setName] = useState(template.name);
  const [kind, setKind] = useState<DialogueKind>(template.kind);
  const [sections, setSections] = useState<EditableSection[]>(() => template.sections.map(editable));
  const [initial] = useState(() => snapshot(template.name, template.kind, template.sections.map(editable)));
  const [error, setError] = useState<string | null>(null);
  const [showInvalid, setShowInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  /** Set while the discard question is open: what to do when the mentor discards. */
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const focusNext = useRef<Focus>(null);

  const dirty = useMemo(() => snapshot(name, kind, sections) !== initial, [name, kind, sections, initial]);

  // Focus follows a section that moved, and lands on what replaces a removed one.
  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    const id = 'id' in target ? target.id : `section-${target.uid}-${target.part}`;
    const element = document.getElementById(id) as HTMLButtonElement | HTMLInputElement | null;
    if (element && !(element instanceof HTMLButtonElement && element.disabled)) element.focus();
    else if ('uid' in target) document.getElementById(`section-${target.uid}-${target.part === 'up' ? 'down' : 'up'}`)?.focus();
  });

  useEffect(() => {
    document.getElementById('template-name')?.focus();
  }, []);

  const requestLeave = useCallback((leave: () => void) => {
    if (dirty) setLeaving(() => leave);
    else leave();
  }, [dirty]);

  // The sidebar belongs to the shell: while there are unsaved changes, ask before it takes the mentor away.
  const bypass = useRef(false);
  useEffect(() => {
    if (!dirty) return;
    const onClick = (event: MouseEvent) => {
      const item = event.target instanceof Element ? event.target.closest<HTMLElement>('nav .nav-item') : null;
      if (!item || bypass.current) return;
      event.preventDefault();
      event.stopPropagation();
      setLeaving(() => () => {
        bypass.current = true;
        try {
          item.click();
        } finally {
          bypass.current = false;
        }
        onClose();
      });
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [dirty, onClose]);

  const titleOf = (section: EditableSection) => section.title.trim() || t('templates.editor.untitled');

  const update = (uid: string, patch: Partial<EditableSection>) =>
    setSections((all) => all.map((section) => (section.uid === uid ? { ...section, ...patch } : section)));

  function move(index: number, by: -1 | 1) {
    const section = sections[index];
    const to = index + by;
    if (!section || to < 0 || to >= sections.length) return;
    const next = [...sections];
    next.splice(index, 1);
    next.splice(to, 0, section);
    setSections(next);
    focusNext.current = { uid: section.uid, part: by < 0 ? 'up' : 'down' };
    setAnnouncement(t('templates.editor.moved', { title: titleOf(section), position: to + 1 }));
  }

  function remove(index: number) {
    const section = sections[index];
    if (!section || sections.length <= 1) return;
    const next = sections.filter((each) => each.uid !== section.uid);
    setSections(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    focusNext.current = neighbour ? { uid: neighbour.uid, part: 'title' } : { id: 'template-add-section' };
    setAnnouncement(t('templates.editor.removed', { title: titleOf(section) }));
  }

  function add() {
    if (sections.length >= MAX_SECTIONS) return;
    const section = blankSection();
    setSections([...sections, section]);
    focusNext.current = { uid: section.uid, part: 'title' };
    setAnnouncement(t('templates.editor.added', { number: sections.length + 1 }));
  }

  const nameMissing = name.trim() === '';
  const firstUntitled = sections.find((section) => section.title.trim() === '');

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (nameMissing || firstUntitled) {
      setShowInvalid(true);
      setError(nameMissing ? t('templates.editor.nameMissing') : t('templates.editor.titleMissing'));
      document.getElementById(nameMissing ? 'template-name' : `section-${firstUntitled!.uid}-title`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const keys = assignSectionKeys(sections.map((section) => ({ key: section.key, title: section.title.trim() })));
      const saved = await getApi().templates.saveVersion({
        templateId: template.templateId,
        name: name.trim(),
        kind,
        sections: sections.map((section, index) => ({
          key: keys[index]!,
          title: section.title.trim(),
          prompt: section.prompt.trim(),
          competence: section.competence,
          private: section.private,
        })),
      });
      onSaved(saved);
    } catch (caught) {
      setBusy(false);
      if (session.handleLocked(caught)) return;
      setError(caught instanceof AppError && caught.code === 'READ_ONLY' ? t('templates.readOnly') : baseErrorText(caught));
    }
  }

  return (
    <section className="screen template-editor" aria-labelledby="template-editor-title">
      <header className="screen-header">
        <div>
          <h1 id="template-editor-title">{t('templates.editor.title')}</h1>
          <p className="subtle">{t('templates.editor.basedOn', { version: template.version })}</p>
        </div>
        <button type="button" className="button button-secondary" onClick={() => requestLeave(onClose)}>
          {t('templates.editor.back')}
        </button>
      </header>
      <p className="notice">{t('templates.versionsNote')}</p>

      <form onSubmit={save} className="stack" noValidate>
        <div className="panel panel-wide stack">
          <div className="field">
            <label htmlFor="template-name">{t('templates.editor.name')} <span className="required">({t('common.required')})</span></label>
            <input id="template-name" value={name} maxLength={200} autoComplete="off" onChange={(event) => setName(event.target.value)}
              aria-invalid={showInvalid && nameMissing ? true : undefined} />
          </div>
          <fieldset className="choice-group">
            <legend>{t('templates.editor.kind')}</legend>
            {DIALOGUE_KINDS.map((each) => (
              <label key={each} className="checkbox">
                <input type="radio" name="template-kind" value={each} checked={kind === each} onChange={() => setKind(each)} />
                <span>{t(`templates.kinds.${each}`)}</span>
              </label>
            ))}
          </fieldset>
        </div>

        <h2 id="template-sections">{t('templates.editor.sectionsHeading')}</h2>
        <p className="hint">{t('templates.editor.sectionsHint')}</p>
        <ol className="template-sections" aria-labelledby="template-sections">
          {sections.map((section, index) => {
            const title = titleOf(section);
            const id = (part: string) => `section-${section.uid}-${part}`;
            return (
              <li key={section.uid} className="template-section panel panel-wide">
                <fieldset>
                  <legend>{t('templates.editor.sectionLegend', { number: index + 1, title })}</legend>
                  <div className="section-tools">
                    <button type="button" id={id('up')} className="button button-ghost" disabled={index === 0}
                      aria-label={t('templates.editor.moveUpLabel', { title })} onClick={() => move(index, -1)}>
                      <span aria-hidden="true">↑</span> {t('templates.editor.moveUp')}
                    </button>
                    <button type="button" id={id('down')} className="button button-ghost" disabled={index === sections.length - 1}
                      aria-label={t('templates.editor.moveDownLabel', { title })} onClick={() => move(index, 1)}>
                      <span aria-hidden="true">↓</span> {t('templates.editor.moveDown')}
                    </button>
                    <button type="button" id={id('remove')} className="button button-ghost button-ghost-danger" disabled={sections.length <= 1}
                      aria-label={t('templates.editor.removeLabel', { title })} title={sections.length <= 1 ? t('templates.editor.lastSection') : undefined}
                      onClick={() => remove(index)}>
                      {t('templates.editor.remove')}
                    </button>
                  </div>
                  <div className="form-grid">
                    <div className="field span-2">
                      <label htmlFor={id('title')}>{t('templates.editor.sectionTitle')} <span className="required">({t('common.required')})</span></label>
                      <input id={id('title')} value={section.title} maxLength={200} autoComplete="off"
                        aria-invalid={showInvalid && section.title.trim() === '' ? true : undefined}
                        onChange={(event) => update(section.uid, { title: event.target.value })} />
                    </div>
                    <div className="field span-2">
                      <label htmlFor={id('prompt')}>{t('templates.editor.prompt')}</label>
                      <textarea id={id('prompt')} value={section.prompt} maxLength={1000} rows={2}
                        onChange={(event) => update(section.uid, { prompt: event.target.value })} />
                    </div>
                    <div className="field">
                      <label htmlFor={id('competence')}>{t('templates.editor.competence')}</label>
                      <select id={id('competence')} value={section.competence ?? ''}
                        onChange={(event) => update(section.uid, { competence: (event.target.value || null) as Competence | null })}>
                        <option value="">{t('templates.editor.noCompetence')}</option>
                        {COMPETENCES.map((each) => <option key={each} value={each}>{t(`templates.competences.${each}`)}</option>)}
                      </select>
                    </div>
                    <label className="checkbox section-private">
                      <input type="checkbox" id={id('private')} checked={section.private}
                        onChange={(event) => update(section.uid, { private: event.target.checked })} />
                      <span>{t('templates.editor.private')}</span>
                    </label>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div>
          <button type="button" id="template-add-section" className="button button-secondary" onClick={add} disabled={sections.length >= MAX_SECTIONS}
            aria-describedby={sections.length >= MAX_SECTIONS ? 'template-max-sections' : undefined}>
            + {t('templates.editor.addSection')}
          </button>
          {sections.length >= MAX_SECTIONS && <p className="hint" id="template-max-sections">{t('templates.editor.maxSections', { max: MAX_SECTIONS })}</p>}
        </div>

        <ErrorMessage message={error} />
        <div className="editor-actions">
          <button type="submit" className="button button-primary" disabled={busy}>{t('templates.editor.save')}</button>
          <button type="button" className="button button-secondary" onClick={() => requestLeave(onClose)}>{t('common.cancel')}</button>
        </div>
      </form>
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>

      {leaving && (
        <ConfirmDialog
          title={t('templates.editor.discardTitle')}
          description={<p>{t('templates.editor.discardBody')}</p>}
          cancelLabel={t('templates.editor.keepEditing')}
          confirmLabel={t('templates.editor.discard')}
          destructive
          onClose={() => setLeaving(null)}
          onConfirm={() => {
            const leave = leaving;
            setLeaving(null);
            leave();
          }}
        />
      )}
    </section>
  );
}
