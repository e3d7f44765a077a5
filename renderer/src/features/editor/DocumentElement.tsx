import { useTranslation } from 'react-i18next';
import type { RenderElementProps } from 'slate-react';
import type { ParticipantRole } from '../../../../shared/domain';
import { usePlayback } from '../playback/playbackContext';
import { formatClock } from '../playback/timeFormat';
import { useSections } from './editorContexts';

/** Stable render function for Slate elements (defined once, so Slate can skip unchanged nodes). */
export function DocumentElement({ attributes, children, element }: RenderElementProps) {
  switch (element.type) {
    case 'section':
      return <SectionElement attributes={attributes} sectionKey={element.sectionKey}>{children}</SectionElement>;
    case 'bulleted-list':
      return <ul {...attributes}>{children}</ul>;
    case 'numbered-list':
      return <ol {...attributes}>{children}</ol>;
    case 'list-item':
      return <li {...attributes}>{children}</li>;
    default:
      return (
        <p {...attributes} className={element.speaker ? 'turn' : undefined} data-start-ms={element.startMs}>
          {element.startMs !== undefined && <TurnTime startMs={element.startMs} speaker={element.speaker} />}
          {element.speaker && <SpeakerLabel speaker={element.speaker} role={element.role} />}
          {children}
        </p>
      );
  }
}

function SpeakerLabel({ speaker, role }: { speaker: string; role?: ParticipantRole | undefined }) {
  const { t } = useTranslation();
  // One string, so one text node: every node in a turn is walked on each keystroke (React's
  // selection bookkeeping and context search), a cost that grows with the transcript.
  const label = `${speaker}${role ? ` (${t(`dialogue.roles.${role}`)})` : ''}: `;
  return <span className="speaker" contentEditable={false} data-role={role}>{label}</span>;
}

/** Where the turn starts; with audio to play, a button that plays from there. */
function TurnTime({ startMs, speaker }: { startMs: number; speaker?: string | undefined }) {
  const { t } = useTranslation();
  const playback = usePlayback();
  const time = formatClock(startMs);
  if (!playback.canPlay) return <span className="turn-time" contentEditable={false}>{time}</span>;
  return (
    <button type="button" className="turn-time playable" contentEditable={false} tabIndex={-1}
      aria-label={speaker ? t('playback.playTurn', { time, speaker }) : t('playback.playFrom', { time })}
      onMouseDown={(event) => event.preventDefault()} onClick={() => playback.playFrom(startMs)}>
      ▶ {time}
    </button>
  );
}

function SectionElement({ attributes, sectionKey, children }: { attributes: RenderElementProps['attributes']; sectionKey: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const section = useSections().get(sectionKey);
  const headingId = `section-${sectionKey}`;
  return (
    <section {...attributes} className={`doc-section${section?.private ? ' private' : ''}`} data-section-key={sectionKey} aria-labelledby={headingId}>
      <header className="section-header" contentEditable={false}>
        <h2 id={headingId}>{section?.title ?? sectionKey}</h2>
        {section?.prompt && <p className="section-prompt">{section.prompt}</p>}
        <p className="section-badges">
          {section?.private && <span className="badge badge-private">{t('dialogue.screen.privateSection')}</span>}
          {section?.competence && <span className="badge">{t('dialogue.screen.competenceHint', { name: t(`dialogue.competences.${section.competence}`) })}</span>}
        </p>
      </header>
      <div className="section-body">{children}</div>
    </section>
  );
}
