import { featureText } from '../feature';

/**
 * The portfolio with the student's reflections: words in the Word document (`doc`, plain text
 * filled by the core, see docx.ts) and in the export dialog (`dialog`, through i18next).
 */
export const portfolio = featureText({
  nl: {
    doc: {
      activitiesHint: 'Per activiteit: doel, resultaat, evaluatie en vervolg, met daaronder de reflectie die de leerling er binnen twee weken na schreef.',
      reflection: 'Reflectie',
      noReflection: 'Geen reflectie bij deze activiteit.',
      reflections: 'Reflecties',
      reflectionsHint: 'De eigen reflecties van de leerling (interne dialoog) die niet bij een loopbaanactiviteit horen.',
      noReflections: 'Geen andere reflecties in deze periode.',
      conversations: 'Gesprekken',
      conversationsHint: 'Externe dialogen met de mentor, de praktijkbegeleider of anderen.',
      noConversations: 'Geen externe gesprekken gekozen.',
      boundaryHint: 'Tekst die als grenservaring is getagd, staat gemarkeerd; de voetnoot noemt het soort dilemma.',
    },
    dialog: {
      textLegend: 'Welke tekst gaat mee',
      activities: 'Loopbaanactiviteiten (doel, resultaat, evaluatie, vervolg)',
      reflections: 'Reflecties van de leerling (interne dialoog)',
      external: 'Externe gesprekken',
      dialoguesLegend: 'Gesprekken in deze periode',
      all: 'Alles aanvinken',
      none: 'Niets aanvinken',
      noDialogues: 'Geen gesprekken in deze periode.',
      roles: { activity: 'activiteit', reflection: 'reflectie', external: 'extern gesprek' },
      withPrivate: 'met privé-notitie',
      chosen_one: '{{count}} van de {{total}} gesprekken is gekozen',
      chosen_other: '{{count}} van de {{total}} gesprekken zijn gekozen',
      reflections_one: '{{count}} reflectie',
      reflections_other: '{{count}} reflecties',
    },
  },
  en: {
    doc: {
      activitiesHint: 'Per activity: goal, result, evaluation and follow-up, with the reflection the student wrote on it within two weeks below.',
      reflection: 'Reflection',
      noReflection: 'No reflection on this activity.',
      reflections: 'Reflections',
      reflectionsHint: 'The student’s own reflections (internal dialogue) that do not belong to a career activity.',
      noReflections: 'No other reflections in this period.',
      conversations: 'Conversations',
      conversationsHint: 'External dialogues with the mentor, the workplace supervisor or others.',
      noConversations: 'No external conversations chosen.',
      boundaryHint: 'Text tagged as a boundary experience is highlighted; its footnote names the kind of dilemma.',
    },
    dialog: {
      textLegend: 'Which text goes in',
      activities: 'Career activities (goal, result, evaluation, follow-up)',
      reflections: 'The student’s reflections (internal dialogue)',
      external: 'External conversations',
      dialoguesLegend: 'Dialogues in this period',
      all: 'Tick all',
      none: 'Untick all',
      noDialogues: 'No dialogues in this period.',
      roles: { activity: 'activity', reflection: 'reflection', external: 'external conversation' },
      withPrivate: 'with a private note',
      chosen_one: '{{count}} of {{total}} dialogues is chosen',
      chosen_other: '{{count}} of {{total}} dialogues are chosen',
      reflections_one: '{{count}} reflection',
      reflections_other: '{{count}} reflections',
    },
  },
});
