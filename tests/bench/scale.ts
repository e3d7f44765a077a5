/** How big a synthetic vault is: `school` is issue 7's school; `small` is 1/100 of it. */
export interface Scale {
  name: 'small' | 'school';
  students: number;
  dialoguesPerStudent: number;
  wordsPerDialogue: number;
  tagsPerDialogue: number;
}

export const SCALES: Record<Scale['name'], Scale> = {
  school: { name: 'school', students: 1_000, dialoguesPerStudent: 20, wordsPerDialogue: 1_200, tagsPerDialogue: 5 },
  // 1/100 of the dialogues: fewer students, the same dialogues per student, so that a student
  // page shows the same amount of data at both scales and only the vault around it grows.
  small: { name: 'small', students: 10, dialoguesPerStudent: 20, wordsPerDialogue: 1_200, tagsPerDialogue: 5 },
};

export function isScaleName(value: string): value is Scale['name'] {
  return value === 'small' || value === 'school';
}
