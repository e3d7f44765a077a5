import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../../shared/dialogueSchemas';
import { diffDoc } from '../../../../shared/docPatch';
import type { DialogueDoc } from '../../../../shared/editorDoc';
import { AppError } from '../../../../shared/errors';
import { getApi } from '../../api';
import { useSession } from '../../app/session';

export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'conflict' };

const DEBOUNCE_MS = 400;
const MAX_WAIT_MS = 2_000;
/** After VAULT_BUSY (an erasure's scrub holds the vault's write lock): try again on its own. */
const BUSY_RETRY_MS = 5_000;

interface Options {
  dialogueId: string;
  revision: number;
  /** The document as the vault holds it at `revision`: what the first patch is made against. */
  base: DialogueDoc;
  read(): DialogueDoc;
  onSaved(result: { revision: number; wordCount: number; annotations: Annotation[] }): void;
}

/**
 * Sends what changed since `base`; the whole document when the patch cannot be made (another
 * section layout) or does not fit what the vault holds (then the backend answers VALIDATION on
 * `patch`, and the whole text is the safe way to save it).
 */
async function saveChanges(id: string, revision: number, base: DialogueDoc, content: DialogueDoc) {
  const api = getApi();
  const patch = diffDoc(base, content);
  if (patch) {
    try {
      return await api.dialogues.savePatch({ id, revision, patch });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'VALIDATION' && error.params?.field === 'patch')) throw error;
    }
  }
  return api.dialogues.save({ id, revision, content });
}

/**
 * Saves the document shortly after typing pauses (and at least every two seconds while typing
 * goes on), one save at a time, always the latest content. Pending text is flushed when the
 * vault locks, when the screen closes and when the window hides. A stale revision (another
 * window saved meanwhile) stops saving and says so, instead of overwriting either version.
 */
export function useAutosave({ dialogueId, revision, base, read, onSaved }: Options) {
  const session = useSession();
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: null });
  const revisionRef = useRef(revision);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<number | null>(null);
  const firstDirtyAt = useRef(0);
  const stopped = useRef(false);
  // The last document the vault acknowledged; each save sends only what changed since (docPatch.ts).
  const baseRef = useRef(base);
  const readRef = useRef(read);
  readRef.current = read;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const saveNow = useCallback(async (): Promise<void> => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) {
      await inFlight.current;
      if (dirty.current) return saveNow();
      return;
    }
    if (!dirty.current || stopped.current) return;
    dirty.current = false;
    firstDirtyAt.current = 0;
    setState({ kind: 'saving' });
    const content = readRef.current();
    // A failed save is not retried on a timer (the state says so and the next edit or the retry
    // button saves again); the component's `state` here would be the one of an earlier render.
    let failed = false;
    let busy = false;
    inFlight.current = (async () => {
      try {
        const result = await saveChanges(dialogueId, revisionRef.current, baseRef.current, content);
        baseRef.current = content;
        revisionRef.current = result.revision;
        onSavedRef.current(result);
        setState(dirty.current ? { kind: 'dirty' } : { kind: 'saved', at: result.savedAt });
      } catch (error) {
        dirty.current = true;
        if (error instanceof AppError && error.code === 'CONFLICT') {
          stopped.current = true;
          setState({ kind: 'conflict' });
        } else if (!session.handleLocked(error)) {
          failed = true;
          // Shown like any failure (the message says it is saved again shortly), and retried.
          busy = error instanceof AppError && error.code === 'VAULT_BUSY';
          setState({ kind: 'failed', error });
        }
      } finally {
        inFlight.current = null;
      }
    })();
    await inFlight.current;
    if (dirty.current && !stopped.current && !failed) schedule();
    if (busy && !stopped.current) {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void saveNow(), BUSY_RETRY_MS);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialogueId, session]);

  const schedule = useCallback(() => {
    const now = Date.now();
    if (!firstDirtyAt.current) firstDirtyAt.current = now;
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstDirtyAt.current + MAX_WAIT_MS - now));
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveNow(), wait);
  }, [saveNow]);

  const markDirty = useCallback(() => {
    if (stopped.current) return;
    dirty.current = true;
    // Called on every keystroke: keeping the same state object spares the screen a re-render.
    setState((current) => (current.kind === 'dirty' ? current : { kind: 'dirty' }));
    schedule();
  }, [schedule]);

  useEffect(() => {
    const unregister = session.registerFlush(saveNow);
    const onHide = () => {
      if (document.visibilityState === 'hidden') void saveNow();
    };
    const onUnload = () => void saveNow();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onUnload);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      unregister();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onUnload);
      window.removeEventListener('beforeunload', onUnload);
      // Leaving the screen saves what is pending.
      void saveNow();
    };
  }, [session, saveNow]);

  return { state, markDirty, saveNow, revision: () => revisionRef.current };
}
