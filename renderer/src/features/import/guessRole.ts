import type { Participant } from '../../../../shared/dialogueSchemas';
import type { ParticipantRole } from '../../../../shared/domain';

const ROLE_WORDS: [RegExp, ParticipantRole][] = [
  [/\bmentor|docent|leraar|coach|begeleider school\b/i, 'mentor'],
  [/praktijkbegeleider|werkbegeleider|stagebegeleider|leidinggevende/i, 'workplaceSupervisor'],
  [/\b(moeder|vader|ouder|mama|papa)\b/i, 'parent'],
  [/\b(leerling|student)\b/i, 'student'],
];

/** A first guess the mentor can change: a known participant's role, else words in the label. */
export function guessRole(speaker: string, participants: Participant[]): ParticipantRole {
  const known = participants.find((participant) => participant.name.localeCompare(speaker, 'nl', { sensitivity: 'base' }) === 0);
  if (known) return known.role;
  const partial = participants.find((participant) => speaker.toLowerCase().includes(participant.name.toLowerCase().split(' ')[0] ?? '\u0000'));
  if (partial) return partial.role;
  for (const [pattern, role] of ROLE_WORDS) if (pattern.test(speaker)) return role;
  return 'other';
}
