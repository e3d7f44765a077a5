import { createContext, useContext } from 'react';

/**
 * What a turn's timestamp needs from the player: whether there is audio to play, and a way to
 * play from a moment. Stable between renders (it changes only when audio comes or goes), so the
 * turns do not re-render while playing.
 */
export interface Playback {
  canPlay: boolean;
  playFrom(ms: number): void;
}

export const PlaybackContext = createContext<Playback>({ canPlay: false, playFrom: () => undefined });
export const usePlayback = () => useContext(PlaybackContext);
