import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Editor, Element, Path } from 'slate';
import type { DialogueDoc } from '../../../../shared/editorDoc';
import type { Recording } from '../../../../shared/recordingSchemas';
import { getApi } from '../../api';
import type { Playback } from './playbackContext';
import type { PlayerHandle } from './Player';
import { playingDecorate } from './playingDecorate';
import { buildTurnIndex, type TurnIndex } from './turnIndex';

export interface PlayableRecording { recording: Recording; url: string }

/** The newest finished recording of the dialogue, or null. */
export function pickRecording(recordings: readonly Recording[]): Recording | null {
  const complete = recordings.filter((recording) => recording.status === 'complete' && recording.byteCount > 0);
  return complete.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0] ?? null;
}

/**
 * The dialogue's recording as a blob: URL for an <audio>, the turn being heard as an editor
 * decoration, the timestamps' "play from here", and the player's keys:
 * Alt+K play/pause, Alt+J / Alt+L 5 s back / forward, Alt+, / Alt+. slower / faster, Alt+Enter
 * play from the turn at the cursor. Keys are matched by `code`, so they work on every layout
 * (and on macOS, where Option+letter would type a character).
 */
export function useSyncedPlayback(editor: Editor, dialogueId: string, onError: (caught: unknown) => void) {
  const [playable, setPlayable] = useState<PlayableRecording | null>(null);
  /** The first look for a recording has answered (so "no recording" is known, not just not yet). */
  const [looked, setLooked] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [playingPath, setPlayingPath] = useState<Path | null>(null);
  const player = useRef<PlayerHandle>(null);
  const index = useRef<TurnIndex | null>(null);
  const currentTurn = useRef(-1);

  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    void (async () => {
      try {
        const recording = pickRecording(await getApi().recordings.list({ dialogueId }));
        if (!recording || gone) {
          if (!gone) { setPlayable(null); setLooked(true); }
          return;
        }
        const audio = await getApi().recordings.read({ recordingId: recording.id });
        if (gone) return;
        url = URL.createObjectURL(new Blob([audio.bytes as BlobPart], { type: audio.mime }));
        setPlayable({ recording, url });
        setLooked(true);
      } catch (caught) {
        if (!gone) onError(caught);
      }
    })();
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialogueId, generation]);

  /** The timed turns as the document is now; rebuilt lazily after an edit. */
  const turnIndex = useCallback((): TurnIndex => {
    if (index.current) return index.current;
    const built = buildTurnIndex(editor.children as unknown as DialogueDoc);
    index.current = built;
    // The same moment may now be another path (a turn inserted above); the next tick corrects
    // the number, this corrects the path. Not during the render that asked for the index.
    const at = currentTurn.current;
    queueMicrotask(() => setPlayingPath((path) => {
      const next = at >= 0 ? built.paths[at] ?? null : null;
      return path && next && Path.equals(path, next) ? path : next;
    }));
    return built;
  }, [editor]);

  const markStale = useCallback(() => { index.current = null; }, []);

  const onTurn = useCallback((turn: number) => {
    currentTurn.current = turn;
    const path = turn >= 0 ? turnIndex().paths[turn] ?? null : null;
    setPlayingPath((previous) => (previous && path && Path.equals(previous, path) ? previous : path));
  }, [turnIndex]);

  const playFrom = useCallback((ms: number) => player.current?.playFrom(ms), []);
  const playback = useMemo<Playback>(() => ({ canPlay: playable !== null, playFrom }), [playable, playFrom]);
  const decorate = useMemo(() => (playingPath ? playingDecorate(playingPath) : undefined), [playingPath]);

  /** Alt+Enter: the turn at the cursor, or the last timed turn above it. */
  const playAtCursor = useCallback(() => {
    const { selection } = editor;
    if (!selection) return;
    const block = Editor.above(editor, { at: selection.anchor, match: (node) => Element.isElement(node) && node.type === 'paragraph' });
    const at = block ? block[1] : selection.anchor.path.slice(0, 2);
    const { starts, paths } = turnIndex();
    let best = -1;
    for (let turn = 0; turn < paths.length; turn++) {
      if (Path.compare(paths[turn]!, at) <= 0 && (best < 0 || Path.compare(paths[turn]!, paths[best]!) > 0)) best = turn;
    }
    if (best >= 0) player.current?.playFrom(starts[best]!);
  }, [editor, turnIndex]);

  // On the window, so the keys work wherever focus is on the dialogue screen (the editor, the
  // player, a panel), but not in a dialog over it. Captured before the editor sees them.
  useEffect(() => {
    if (!playable) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const handle = player.current;
      if (!handle || (event.target instanceof globalThis.Element && event.target.closest('[role="dialog"], [role="alertdialog"]'))) return;
      const actions: Record<string, () => void> = {
        KeyK: () => handle.toggle(),
        KeyJ: () => handle.seekBy(-5),
        KeyL: () => handle.seekBy(5),
        Comma: () => handle.slower(),
        Period: () => handle.faster(),
        Enter: playAtCursor,
        NumpadEnter: playAtCursor,
      };
      const action = actions[event.code];
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      action();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [playable, playAtCursor]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return { playable, looked, player, playback, decorate, turnIndex, markStale, onTurn, reload };
}
