import { forwardRef, memo, useCallback, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from './timeFormat';
import { turnAt, type TurnIndex } from './turnIndex';
import './playback.css';

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;
const STEP_SECONDS = 5;

/** What the keyboard (and the turns' timestamps) ask of the player. */
export interface PlayerHandle {
  toggle(): void;
  seekBy(seconds: number): void;
  playFrom(ms: number): void;
  faster(): void;
  slower(): void;
}

interface Props {
  /** A blob: URL of the recording's bytes. */
  url: string;
  /** The recording's length as stored (a MediaRecorder WebM does not tell its own duration). */
  durationMs: number;
  /** The timed turns, as of the document now (cached by the caller, rebuilt after edits). */
  turnIndex(): TurnIndex;
  /** The turn being heard changed (-1: none). Called only on a change, not per tick. */
  onTurn(index: number): void;
}

/**
 * Plays the dialogue's recording with the text following along: each `timeupdate` (about four a
 * second) finds the turn by binary search and reports it only when it changes; the clock shown
 * moves in whole seconds, so the player re-renders once a second at most and the editor only at
 * a turn change.
 */
export const Player = memo(forwardRef<PlayerHandle, Props>(function Player({ url, durationMs, turnIndex, onTurn }, ref) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [second, setSecond] = useState(0);
  const [duration, setDuration] = useState(durationMs);
  const [failed, setFailed] = useState(false);
  const [current, setCurrent] = useState(-1);
  const lastTurn = useRef(-1);
  const started = useRef(false);

  const report = useCallback(() => {
    const element = audio.current;
    if (!element) return;
    const ms = element.currentTime * 1000;
    setSecond(Math.floor(ms / 1000));
    if (!started.current) return;
    const index = turnAt(turnIndex().starts, ms);
    if (index !== lastTurn.current) {
      lastTurn.current = index;
      setCurrent(index);
      onTurn(index);
    }
  }, [turnIndex, onTurn]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  // Gone (another recording, another screen): nothing is being heard any more.
  useEffect(() => () => onTurn(-1), [onTurn]);

  const play = useCallback(() => {
    const element = audio.current;
    if (!element) return;
    started.current = true;
    element.playbackRate = speed;
    // A pause before playback began rejects with AbortError: that is the mentor's choice, not a failure.
    void element.play().catch((error: unknown) => { if (error instanceof DOMException && error.name === 'NotSupportedError') setFailed(true); });
  }, [speed]);

  const seekTo = useCallback((ms: number) => {
    const element = audio.current;
    if (!element) return;
    const limit = Number.isFinite(element.duration) ? element.duration * 1000 : duration;
    element.currentTime = Math.max(0, Math.min(ms, limit || ms)) / 1000;
    started.current = true;
    report();
  }, [duration, report]);

  const changeSpeed = useCallback((direction: 1 | -1) => {
    setSpeed((value) => {
      const at = SPEEDS.indexOf(value as (typeof SPEEDS)[number]);
      return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + direction))]!;
    });
  }, []);

  useImperativeHandle(ref, () => ({
    toggle: () => { if (audio.current?.paused) play(); else audio.current?.pause(); },
    seekBy: (seconds) => seekTo((audio.current?.currentTime ?? 0) * 1000 + seconds * 1000),
    playFrom: (ms) => { seekTo(ms); play(); },
    faster: () => changeSpeed(1),
    slower: () => changeSpeed(-1),
  }), [play, seekTo, changeSpeed]);

  const index = turnIndex();
  const speaker = current >= 0 ? index.speakers[current] : undefined;
  const speedLabel = (value: number) => `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(value)}×`;
  const totalSeconds = Math.max(1, Math.round(duration / 1000));

  return (
    // A group, not a region landmark: a region's name must be unique, and a mentor may title the dialogue 'Terugluisteren' too.
    <div role="group" className="player" aria-labelledby={`${id}-title`} data-testid="player">
      <h2 id={`${id}-title`} className="player-title">{t('playback.title')}</h2>
      <audio ref={audio} src={url} preload="metadata" data-testid="player-audio"
        onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} onEnded={() => setPlaying(false)}
        onTimeUpdate={report} onSeeked={report} onError={() => setFailed(true)}
        onLoadedMetadata={(event) => { const seconds = event.currentTarget.duration; if (Number.isFinite(seconds) && seconds > 0) setDuration(seconds * 1000); }} />
      <div className="player-controls">
        <button type="button" className="tool" aria-label={t('playback.back')} title={`${t('playback.back')} (Alt+J)`} onClick={() => seekTo(second * 1000 - STEP_SECONDS * 1000)}>−5</button>
        <button type="button" className="button button-primary player-toggle" aria-pressed={playing} title="Alt+K"
          onClick={() => (playing ? audio.current?.pause() : play())}>
          {playing ? t('playback.pause') : t('playback.play')}
        </button>
        <button type="button" className="tool" aria-label={t('playback.forward')} title={`${t('playback.forward')} (Alt+L)`} onClick={() => seekTo(second * 1000 + STEP_SECONDS * 1000)}>+5</button>
        <label className="player-speed">
          <span>{t('playback.speed')}</span>
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value))} data-testid="player-speed">
            {SPEEDS.map((value) => <option key={value} value={value}>{speedLabel(value)}</option>)}
          </select>
        </label>
        <span className="player-clock" data-testid="player-clock">{t('playback.positionText', { current: formatClock(second * 1000), total: formatClock(duration) })}</span>
      </div>
      <input type="range" className="player-position" min={0} max={totalSeconds} step={1} value={Math.min(second, totalSeconds)}
        aria-label={t('playback.position')} aria-valuetext={formatClock(second * 1000)}
        onChange={(event) => seekTo(Number(event.target.value) * 1000)} />
      {speaker !== undefined && current >= 0 && (
        <p className="player-now subtle" data-testid="player-now">{t('playback.current', { speaker: speaker || '—', time: formatClock(index.starts[current]!) })}</p>
      )}
      {index.starts.length === 0 && <p className="hint">{t('playback.noTimes')}</p>}
      {failed && <p className="error-message" role="alert">{t('playback.cannotPlay')}</p>}
      <p className="hint player-keys">{t('playback.keysHint')}</p>
    </div>
  );
}));
