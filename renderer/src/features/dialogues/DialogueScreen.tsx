import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createEditor, Editor, Transforms } from 'slate';
import { withHistory } from 'slate-history';
import { ReactEditor, withReact } from 'slate-react';
import type { Action, Annotation, Code, Dialogue, Participant } from '../../../../shared/dialogueSchemas';
import { conversationMirror, turnsOfDoc } from '../../../../shared/conversationMirror';
import { type DialogueDoc, stripUnknownAnnotations } from '../../../../shared/editorDoc';
import { getApi } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { useLoad } from '../../components/useLoad';
import { DialogueEditor } from '../editor/DialogueEditor';
import { insertTurns, revealAnnotation, type Turn } from '../editor/editorCommands';
import { SectionsContext, TagStylesContext } from '../editor/editorContexts';
import { highlightDecorate } from '../editor/highlightDecorate';
import { useTagStylesOf } from '../editor/tagStyles';
import { withDialogueSchema } from '../editor/withDialogueSchema';
import { DialogueExportDialog } from '../export/DialogueExportDialog';
import { ImportDialog } from '../import/ImportDialog';
import { RecorderPanel } from '../recording/RecorderPanel';
import { TranscriptionPanel } from '../transcription/TranscriptionPanel';
import { MirrorPanel } from '../mirror/MirrorPanel';
import { AttachAudio } from '../playback/AttachAudio';
import { PlaybackContext } from '../playback/playbackContext';
import { Player } from '../playback/Player';
import { combineDecorate } from '../playback/playingDecorate';
import { useSyncedPlayback } from '../playback/useSyncedPlayback';
import { TagDialog } from '../tags/TagDialog';
import { TagPanel } from '../tags/TagPanel';
import { ActionsPanel, type ActionPrefill } from './ActionsPanel';
import { AmendmentsPanel } from './AmendmentsPanel';
import { DialogueHeader } from './DialogueHeader';
import { SaveStatus } from './SaveStatus';
import { useAutosave } from './useAutosave';
import { type TagTarget, useTagging } from './useTagging';

interface Props {
  studentId: string;
  dialogueId: string;
  focusAnnotationId?: string | undefined;
  highlight?: { sectionKey: string | null; terms: string[] } | undefined;
  focusText?: boolean | undefined;
}

/** Loads the dialogue, the codes and the student's name, then shows the workspace. */
export function DialogueScreen({ studentId, dialogueId, focusAnnotationId, highlight, focusText }: Props) {
  // Bumped by "reload" after a conflict: a fresh workspace on what is stored now.
  const [generation, setGeneration] = useState(0);
  const loaded = useLoad(async () => {
    const [dialogue, codes, student] = await Promise.all([
      getApi().dialogues.get({ id: dialogueId }), getApi().codes.list(), getApi().students.get({ id: studentId }),
    ]);
    return { dialogue, codes, studentName: student.displayName };
  }, [dialogueId, studentId, generation]);

  if (loaded.error) return <ErrorMessage message={loaded.error} />;
  if (!loaded.data || loaded.loading) return <p className="subtle" aria-busy="true">…</p>;
  return (
    <DialogueWorkspace
      key={`${loaded.data.dialogue.id}:${loaded.data.dialogue.revision}:${generation}`}
      {...loaded.data}
      focusAnnotationId={focusAnnotationId}
      highlight={highlight}
      focusText={focusText}
      onReload={() => setGeneration((value) => value + 1)}
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
  focusText?: boolean | undefined;
  onReload(): void;
}

/** At most one dialog at a time is open over the workspace. */
type OpenDialog =
  | { kind: 'tag'; target: TagTarget }
  | { kind: 'import' }
  | { kind: 'export' }
  | { kind: 'finalise' }
  | null;

function DialogueWorkspace({ dialogue: initial, codes, studentName, focusAnnotationId, highlight, focusText, onReload }: WorkspaceProps) {
  const { t } = useTranslation();
  const { go } = useNavigation();
  const session = useSession();
  const toasts = useToasts();
  const errorText = useErrorText();
  const [dialogue, setDialogue] = useState(initial);
  const [actions, setActions] = useState<Action[]>(initial.actions);
  const [open, setOpen] = useState<OpenDialog>(null);
  const [actionPrefill, setActionPrefill] = useState<ActionPrefill | null>(null);
  const [error, setError] = useState<string | null>(null);
  const readOnly = dialogue.status === 'final';
  const close = useCallback(() => setOpen(null), []);

  const editor = useMemo(() => withDialogueSchema(withHistory(withReact(createEditor()))), []);
  const initialValue = useMemo<DialogueDoc>(
    () => stripUnknownAnnotations(initial.content, new Set(initial.annotations.map((annotation) => annotation.id))),
    [initial],
  );
  const tagging = useTagging(editor, dialogue.id, initial.annotations);
  // After finalising, 'Definitief maken' is gone and the next step is the Word export.
  const exportButton = useRef<HTMLButtonElement>(null);

  const autosave = useAutosave({
    dialogueId: dialogue.id,
    revision: dialogue.revision,
    base: initial.content,
    read: () => editor.children as unknown as DialogueDoc,
    onSaved: (result) => {
      tagging.replaceAll(result.annotations);
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
  const tagStyles = useTagStylesOf(tagging.annotations, codesById);

  useEffect(() => {
    if (focusAnnotationId) window.setTimeout(() => revealAnnotation(editor, focusAnnotationId), 50);
  }, [editor, focusAnnotationId]);

  // Just started from "Nieuw gesprek": writing is the next step, so the caret waits at the start
  // of the first section rather than nine Tab presses away at the top of the screen (keyboard
  // walk, tests/e2e/keyboardPath.e2e.ts). After the shell's own focus on the screen.
  useEffect(() => {
    if (!focusText || readOnly) return;
    const timer = window.setTimeout(() => {
      // Only while the mentor has not acted yet: a click into a section (or typing there) before
      // this runs keeps its caret; moving it would put the next words elsewhere (a loaded
      // machine delays this timer well past the first keystrokes).
      const active = document.activeElement;
      const untouched = !active || active === document.body || active.id === 'main' || active.classList.contains('screen');
      if (editor.selection || ReactEditor.isFocused(editor) || !untouched) return;
      // Focus first: slate-react copies the selection to the page only while the editor has focus.
      ReactEditor.focus(editor);
      Transforms.select(editor, Editor.start(editor, []));
    }, 50);
    return () => window.clearTimeout(timer);
  }, [editor, focusText, readOnly]);

  const jumpToTag = useCallback((annotation: Annotation) => revealAnnotation(editor, annotation.id), [editor]);
  const editTag = useCallback((annotation: Annotation) => setOpen({ kind: 'tag', target: { mode: 'edit', annotation } }), []);
  const tagToAction = useCallback((annotation: Annotation, quote: string) => setActionPrefill({ text: quote, annotationId: annotation.id }), []);

  const sync = useSyncedPlayback(editor, dialogue.id, fail);
  const onContentChange = useCallback(() => { sync.markStale(); autosave.markDirty(); }, [sync.markStale, autosave.markDirty]); // eslint-disable-line react-hooks/exhaustive-deps
  const searchDecorate = useMemo(() => (highlight ? highlightDecorate(highlight.terms) : undefined), [highlight]);
  const decorate = useMemo(() => combineDecorate(searchDecorate, sync.decorate), [searchDecorate, sync.decorate]);
  // The mirror follows the saved text (each autosave), the agreements and the recording's length.
  const [inserted, setInserted] = useState(0);
  const mirror = useMemo(
    () => conversationMirror({ turns: turnsOfDoc(editor.children as unknown as DialogueDoc), agreements: actions.length, endMs: sync.playable?.recording.durationMs }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, dialogue.revision, actions.length, sync.playable, inserted],
  );
  // Opened from a search hit: scroll to the first highlighted word, in the hit's section if known.
  useEffect(() => {
    if (!highlight) return;
    window.setTimeout(() => {
      const section = highlight.sectionKey ? document.querySelector(`[data-section-key="${CSS.escape(highlight.sectionKey)}"]`) : null;
      const target = (section ?? document).querySelector('mark.search-hit') ?? section;
      target?.scrollIntoView({ block: 'center' });
    }, 80);
  }, [highlight]);

  const { targetOfSelection } = tagging;
  const startTag = useCallback(() => {
    if (readOnly) return;
    const target = targetOfSelection();
    if (target) setOpen({ kind: 'tag', target });
  }, [readOnly, targetOfSelection]);

  async function insertImported(sectionIndex: number, turns: Turn[], speakers: Participant[]) {
    insertTurns(editor, sectionIndex, turns);
    setInserted((value) => value + 1);
    setOpen(null);
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

  /** Runs in the question: a failure is said there and the dialogue stays a draft. */
  async function finalise() {
    await autosave.saveNow();
    const final = await getApi().dialogues.finalise({ id: dialogue.id, revision: autosave.revision() });
    setDialogue(final);
    tagging.replaceAll(final.annotations);
    setOpen(null);
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
      <DialogueHeader dialogue={dialogue} title={title}
        exportRef={exportButton} onExport={() => setOpen({ kind: 'export' })} onImport={() => setOpen({ kind: 'import' })} onFinalise={() => setOpen({ kind: 'finalise' })} />
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
          {!sync.playable && sync.looked && !readOnly && sync.turnIndex().starts.length > 0 && <AttachAudio dialogueId={dialogue.id} onAttached={sync.reload} />}
          {sync.playable && (
            <Player ref={sync.player} key={sync.playable.recording.id} url={sync.playable.url} durationMs={sync.playable.recording.durationMs}
              turnIndex={sync.turnIndex} onTurn={sync.onTurn} />
          )}
          <SaveStatus state={autosave.state} wordCount={dialogue.wordCount} onRetry={() => void autosave.saveNow()} />
          <SectionsContext.Provider value={sectionMap}>
            <TagStylesContext.Provider value={tagStyles}>
              <PlaybackContext.Provider value={sync.playback}>
              <DialogueEditor
                editor={editor}
                decorate={decorate}
                initialValue={initialValue}
                readOnly={readOnly}
                label={title}
                onContentChange={onContentChange}
                onTag={startTag}
                onSaveNow={saveNow}
              />
              </PlaybackContext.Provider>
            </TagStylesContext.Provider>
          </SectionsContext.Provider>
          {readOnly && <AmendmentsPanel amendments={dialogue.amendments} onAdd={addAmendment} />}
        </div>
        <aside className="side-column" aria-label={t('dialogue.tags.panel')}>
          <RecorderPanel studentId={dialogue.studentId} dialogueId={dialogue.id} readOnly={readOnly} onChange={sync.reload} />
          <TranscriptionPanel dialogueId={dialogue.id} readOnly={readOnly} sections={dialogue.template.sections} participants={dialogue.participants}
            version={sync.playable?.recording.id ?? null} onChange={sync.reload} onInsert={(index, turns, speakers) => void insertImported(index, turns, speakers)} />
          <StableTagPanel
            annotations={tagging.visibleAnnotations}
            codes={codesById}
            provisional={tagging.provisional}
            readOnly={readOnly}
            onJump={jumpToTag}
            onEdit={editTag}
            onMakeAction={tagToAction}
          />
          <ActionsPanel studentId={dialogue.studentId} dialogueId={dialogue.id} actions={actions} onChange={setActions}
            prefill={actionPrefill} onPrefillUsed={() => setActionPrefill(null)} onError={fail} />
          {mirror.hasSpeakers && <MirrorPanel mirror={mirror} />}
        </aside>
      </div>
      {open?.kind === 'tag' && (
        <TagDialog
          codes={codes}
          quote={open.target.mode === 'create' ? open.target.quote : open.target.annotation.quote}
          initial={open.target.mode === 'edit' ? { codeId: open.target.annotation.codeId, memo: open.target.annotation.memo, attributes: open.target.annotation.attributes } : undefined}
          onSubmit={async (choice) => { await tagging.submit(open.target, choice); close(); }}
          onRemove={open.target.mode === 'edit' ? async () => { if (open.target.mode === 'edit') await tagging.remove(open.target.annotation); close(); } : undefined}
          onClose={close}
        />
      )}
      {open?.kind === 'import' && (
        <ImportDialog sections={dialogue.template.sections} participants={dialogue.participants}
          onInsert={(index, turns, speakers) => void insertImported(index, turns, speakers)} onClose={close} />
      )}
      {open?.kind === 'export' && (
        <DialogueExportDialog dialogue={{ ...dialogue, content: editor.children as unknown as DialogueDoc, annotations: tagging.annotations, actions }} codes={codesById}
          beforeExport={autosave.saveNow} onClose={close} />
      )}
      {open?.kind === 'finalise' && (
        <ConfirmDialog title={t('dialogue.screen.finaliseConfirmTitle')} description={t('dialogue.screen.finaliseConfirmBody')}
          confirmLabel={t('dialogue.screen.finalise')} onConfirm={finalise} onClose={close}
          focusWhenOpenerGone={() => exportButton.current} />
      )}
    </section>
  );
}
