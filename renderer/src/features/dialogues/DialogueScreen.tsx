import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createEditor, Editor, type Range } from 'slate';
import { withHistory } from 'slate-history';
import { withReact } from 'slate-react';
import type { Action, Annotation, Code, Dialogue, Participant } from '../../../../shared/dialogueSchemas';
import { type DialogueDoc, stripUnknownAnnotations } from '../../../../shared/editorDoc';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../components/formatDate';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { ActionForm, type ActionDraft } from '../actions/ActionForm';
import { ActionList } from '../actions/ActionList';
import { DialogueEditor } from '../editor/DialogueEditor';
import { addAnnotationMark, insertTurns, removeAnnotationMark, revealAnnotation, type Turn } from '../editor/editorCommands';
import { SectionsContext, TagStylesContext } from '../editor/editorContexts';
import { highlightDecorate } from '../editor/highlightDecorate';
import { useTagStylesOf } from '../editor/tagStyles';
import { withDialogueSchema } from '../editor/withDialogueSchema';
import { DialogueExportDialog } from '../export/DialogueExportDialog';
import { ImportDialog } from '../import/ImportDialog';
import { TagDialog, type TagChoice } from '../tags/TagDialog';
import { TagPanel } from '../tags/TagPanel';
import { AmendmentsPanel } from './AmendmentsPanel';
import { SaveStatus } from './SaveStatus';
import { useAutosave } from './useAutosave';

interface Props {
  studentId: string;
  dialogueId: string;
  focusAnnotationId?: string | undefined;
  highlight?: { sectionKey: string | null; terms: string[] } | undefined;
}

export function DialogueScreen({ studentId, dialogueId, focusAnnotationId, highlight }: Props) {
  const session = useSession();
  const errorText = useErrorText();
  const [loaded, setLoaded] = useState<{ dialogue: Dialogue; codes: Code[]; studentName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [dialogue, codes, student] = await Promise.all([
          getApi().dialogues.get({ id: dialogueId }), getApi().codes.list(), getApi().students.get({ id: studentId }),
        ]);
        if (!cancelled) setLoaded({ dialogue, codes, studentName: student.displayName });
      } catch (caught) {
        if (!cancelled && !session.handleLocked(caught)) setError(errorText(caught));
      }
    })();
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialogueId, studentId, generation]);

  if (error) return <ErrorMessage message={error} />;
  if (!loaded) return <p className="subtle" aria-busy="true">…</p>;
  return (
    <DialogueWorkspace
      key={`${loaded.dialogue.id}:${loaded.dialogue.revision}:${generation}`}
      {...loaded}
      focusAnnotationId={focusAnnotationId}
      highlight={highlight}
      onReload={() => { setLoaded(null); setGeneration((value) => value + 1); }}
    />
  );
}

// The panel lists every tag; it need not re-render while only the text changes.
const StableTagPanel = memo(TagPanel);

interface WorkspaceProps {
  dialogue: Dialogue;
  codes: Code[];
  studentName: string;
  focusAnnotationId?: string | undefined;
  highlight?: { sectionKey: string | null; terms: string[] } | undefined;
  onReload(): void;
}

type TagTarget = { mode: 'create'; range: Range; quote: string } | { mode: 'edit'; annotation: Annotation };

function DialogueWorkspace({ dialogue: initial, codes, studentName, focusAnnotationId, highlight, onReload }: WorkspaceProps) {
  const { t, i18n } = useTranslation();
  const { go } = useNavigation();
  const session = useSession();
  const toasts = useToasts();
  const errorText = useErrorText();
  const [dialogue, setDialogue] = useState(initial);
  const [annotations, setAnnotations] = useState<Annotation[]>(initial.annotations);
  const [actions, setActions] = useState<Action[]>(initial.actions);
  const [provisional, setProvisional] = useState<ReadonlyMap<string, string>>(new Map());
  const [tagTarget, setTagTarget] = useState<TagTarget | null>(null);
  const [importing, setImporting] = useState(false);
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [actionText, setActionText] = useState<{ text: string; annotationId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const readOnly = dialogue.status === 'final';

  const editor = useMemo(() => withDialogueSchema(withHistory(withReact(createEditor()))), []);
  const initialValue = useMemo<DialogueDoc>(
    () => stripUnknownAnnotations(initial.content, new Set(initial.annotations.map((annotation) => annotation.id))),
    [initial],
  );

  const autosave = useAutosave({
    dialogueId: dialogue.id,
    revision: dialogue.revision,
    read: () => editor.children as unknown as DialogueDoc,
    onSaved: (result) => {
      // Most saves change no tag; keeping the same array spares every tagged word a re-render.
      setAnnotations((current) => (sameAnnotations(current, result.annotations) ? current : result.annotations));
      setDialogue((current) => ({ ...current, revision: result.revision, wordCount: result.wordCount }));
    },
  });

  const saveNow = useCallback(() => void autosave.saveNow(), [autosave.saveNow]); // eslint-disable-line react-hooks/exhaustive-deps

  const fail = useCallback((caught: unknown) => {
    if (!session.handleLocked(caught)) setError(errorText(caught));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  const codesById = useMemo(() => new Map(codes.map((code) => [code.id, code])), [codes]);
  const sectionMap = useMemo(() => new Map(dialogue.template.sections.map((section) => [section.key, section])), [dialogue.template.sections]);
  const tagStyles = useTagStylesOf(annotations, codesById);
  const visibleAnnotations = useMemo(() => annotations.filter((annotation) => annotation.quote || provisional.has(annotation.id)), [annotations, provisional]);

  useEffect(() => {
    if (focusAnnotationId) window.setTimeout(() => revealAnnotation(editor, focusAnnotationId), 50);
  }, [editor, focusAnnotationId]);

  const jumpToTag = useCallback((annotation: Annotation) => revealAnnotation(editor, annotation.id), [editor]);
  const editTag = useCallback((annotation: Annotation) => setTagTarget({ mode: 'edit', annotation }), []);
  const tagToAction = useCallback((annotation: Annotation, quote: string) => setActionText({ text: quote, annotationId: annotation.id }), []);

  const decorate = useMemo(() => (highlight ? highlightDecorate(highlight.terms) : undefined), [highlight]);
  // Opened from a search hit: scroll to the first highlighted word, in the hit's section if known.
  useEffect(() => {
    if (!highlight) return;
    window.setTimeout(() => {
      const section = highlight.sectionKey ? document.querySelector(`[data-section-key="${CSS.escape(highlight.sectionKey)}"]`) : null;
      const target = (section ?? document).querySelector('mark.search-hit') ?? section;
      target?.scrollIntoView({ block: 'center' });
    }, 80);
  }, [highlight]);

  const startTag = useCallback(() => {
    const { selection } = editor;
    if (readOnly || !selection || Editor.string(editor, selection).trim() === '') return;
    setTagTarget({ mode: 'create', range: selection, quote: Editor.string(editor, selection) });
  }, [editor, readOnly]);

  async function submitTag(choice: TagChoice) {
    if (!tagTarget) return;
    if (tagTarget.mode === 'create') {
      const created = await getApi().annotations.create({ dialogueId: dialogue.id, ...choice });
      setAnnotations((all) => [...all, created]);
      setProvisional((map) => new Map(map).set(created.id, tagTarget.quote));
      addAnnotationMark(editor, tagTarget.range, created.id);
    } else {
      const updated = await getApi().annotations.update({ id: tagTarget.annotation.id, ...choice });
      setAnnotations((all) => all.map((annotation) => (annotation.id === updated.id ? updated : annotation)));
    }
    setTagTarget(null);
  }

  async function removeTag(annotation: Annotation) {
    await getApi().annotations.delete({ id: annotation.id });
    removeAnnotationMark(editor, annotation.id);
    setAnnotations((all) => all.filter((other) => other.id !== annotation.id));
    setTagTarget(null);
  }

  async function insertImported(sectionIndex: number, turns: Turn[], speakers: Participant[]) {
    insertTurns(editor, sectionIndex, turns);
    setImporting(false);
    toasts.show(t('dialogue.importer.inserted', { turns: turns.length }));
    const known = new Set(dialogue.participants.map((participant) => participant.name.toLocaleLowerCase()));
    const added = speakers.filter((speaker) => !known.has(speaker.name.toLocaleLowerCase()));
    if (added.length > 0) {
      try {
        const updated = await getApi().dialogues.updateDetails({
          id: dialogue.id, heldOn: dialogue.heldOn, title: dialogue.title, placementId: dialogue.placementId,
          participants: [...dialogue.participants, ...added].slice(0, 20),
        });
        setDialogue((current) => ({ ...current, participants: updated.participants }));
      } catch (caught) {
        fail(caught);
      }
    }
  }

  async function addAction(draft: ActionDraft, annotationId: string | null = null) {
    const created = await getApi().actions.create({ studentId: dialogue.studentId, dialogueId: dialogue.id, annotationId, ...draft });
    setActions((all) => [...all, created]);
    setActionText(null);
  }

  async function toggleAction(action: Action, done: boolean) {
    try {
      const updated = await getApi().actions.setDone({ id: action.id, done });
      setActions((all) => all.map((other) => (other.id === updated.id ? updated : other)));
    } catch (caught) {
      fail(caught);
    }
  }

  async function removeAction(action: Action) {
    try {
      await getApi().actions.delete({ id: action.id });
      setActions((all) => all.filter((other) => other.id !== action.id));
    } catch (caught) {
      fail(caught);
    }
  }

  async function finalise() {
    setConfirmFinal(false);
    try {
      await autosave.saveNow();
      const final = await getApi().dialogues.finalise({ id: dialogue.id, revision: autosave.revision() });
      setDialogue(final);
      setAnnotations(final.annotations);
    } catch (caught) {
      fail(caught);
    }
  }

  async function addAmendment(text: string) {
    const amendment = await getApi().dialogues.addAmendment({ id: dialogue.id, text });
    setDialogue((current) => ({ ...current, amendments: [...current.amendments, amendment] }));
  }

  const title = dialogue.title || dialogue.template.name;
  return (
    <section className="screen dialogue-screen" aria-labelledby="dialogue-title">
      <button type="button" className="link-button back-link" onClick={() => go({ screen: 'student', studentId: dialogue.studentId })}>
        ← {t('dialogue.screen.back', { name: studentName })}
      </button>
      <header className="screen-header">
        <div>
          <h1 id="dialogue-title">{title}</h1>
          <p className="subtle">
            {formatDate(dialogue.heldOn, i18n.language)} · <span className={`badge kind-${dialogue.kind}`}>{t(`dialogue.kinds.${dialogue.kind}`)}</span>{' '}
            <span className={`badge status-${dialogue.status}`}>{t(`dialogue.status.${dialogue.status}`)}</span>
          </p>
          <p className="subtle">{t('dialogue.screen.template', { name: dialogue.template.name, version: dialogue.template.version })}</p>
          <p className="participants-line">
            {dialogue.participants.map((participant) => `${participant.name} (${t(`dialogue.roles.${participant.role}`)})`).join(' · ')}
          </p>
        </div>
        <div className="header-actions">
          <button type="button" className="button button-secondary" onClick={() => setExporting(true)}>{t('exporting.dialogueButton')}</button>
          {!readOnly && <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>{t('dialogue.screen.import')}</button>}
          {!readOnly && <button type="button" className="button button-primary" onClick={() => setConfirmFinal(true)}>{t('dialogue.screen.finalise')}</button>}
          {readOnly && dialogue.finalisedAt && <p className="notice">{t('dialogue.screen.finalisedOn', { date: formatDate(dialogue.finalisedAt.slice(0, 10), i18n.language) })}</p>}
        </div>
      </header>
      <ErrorMessage message={error} />
      {autosave.state.kind === 'conflict' && (
        <div className="error-message conflict" role="alert">
          <p>{t('dialogue.screen.conflict')}</p>
          <button type="button" className="button button-secondary" onClick={onReload}>{t('dialogue.screen.reload')}</button>
        </div>
      )}
      {readOnly && <p className="notice" role="status">{t('dialogue.screen.readOnly')}</p>}
      <div className="workspace">
        <div className="editor-column">
          <SaveStatus state={autosave.state} wordCount={dialogue.wordCount} onRetry={() => void autosave.saveNow()} />
          <SectionsContext.Provider value={sectionMap}>
            <TagStylesContext.Provider value={tagStyles}>
              <DialogueEditor
                editor={editor}
                decorate={decorate}
                initialValue={initialValue}
                readOnly={readOnly}
                label={title}
                onContentChange={autosave.markDirty}
                onTag={startTag}
                onSaveNow={saveNow}
              />
            </TagStylesContext.Provider>
          </SectionsContext.Provider>
          {readOnly && <AmendmentsPanel amendments={dialogue.amendments} onAdd={addAmendment} />}
        </div>
        <aside className="side-column" aria-label={t('dialogue.tags.panel')}>
          <StableTagPanel
            annotations={visibleAnnotations}
            codes={codesById}
            provisional={provisional}
            readOnly={readOnly}
            onJump={jumpToTag}
            onEdit={editTag}
            onMakeAction={tagToAction}
          />
          <section className="panel side-panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{t('dialogue.actions.panel')}</h2>
            {actions.length === 0 ? <p className="subtle">{t('dialogue.actions.empty')}</p>
              : <ActionList actions={actions} onToggle={(action, done) => void toggleAction(action, done)} onRemove={(action) => void removeAction(action)} />}
            <ActionForm key={actionText?.annotationId ?? 'new'} initialText={actionText?.text ?? ''}
              onAdd={(draft) => addAction(draft, actionText?.annotationId ?? null)} />
          </section>
        </aside>
      </div>
      {tagTarget && (
        <TagDialog
          codes={codes}
          quote={tagTarget.mode === 'create' ? tagTarget.quote : tagTarget.annotation.quote}
          initial={tagTarget.mode === 'edit' ? { codeId: tagTarget.annotation.codeId, memo: tagTarget.annotation.memo, attributes: tagTarget.annotation.attributes } : undefined}
          onSubmit={submitTag}
          onRemove={tagTarget.mode === 'edit' ? () => removeTag(tagTarget.annotation) : undefined}
          onClose={() => setTagTarget(null)}
        />
      )}
      {importing && (
        <ImportDialog sections={dialogue.template.sections} participants={dialogue.participants} onInsert={(index, turns, speakers) => void insertImported(index, turns, speakers)} onClose={() => setImporting(false)} />
      )}
      {exporting && (
        <DialogueExportDialog dialogue={{ ...dialogue, content: editor.children as unknown as DialogueDoc, annotations, actions }} codes={codesById}
          beforeExport={autosave.saveNow} onClose={() => setExporting(false)} />
      )}
      {confirmFinal && (
        <ConfirmDialog title={t('dialogue.screen.finaliseConfirmTitle')} body={t('dialogue.screen.finaliseConfirmBody')} confirmLabel={t('dialogue.screen.finalise')}
          onConfirm={() => void finalise()} onCancel={() => setConfirmFinal(false)} />
      )}
    </section>
  );
}

function sameAnnotations(a: Annotation[], b: Annotation[]): boolean {
  return a.length === b.length && a.every((annotation, index) => {
    const other = b[index]!;
    return annotation.id === other.id && annotation.quote === other.quote && annotation.updatedAt === other.updatedAt
      && annotation.codeId === other.codeId && annotation.memo === other.memo;
  });
}
