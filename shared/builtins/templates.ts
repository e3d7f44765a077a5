import type { Competence, DialogueKind } from '../domain';

/** A section as the mentor sees it; built-ins carry both languages, custom templates one text. */
export interface BuiltinSection {
  key: string;
  title: { nl: string; en: string };
  prompt: { nl: string; en: string };
  competence: Competence | null;
  private: boolean;
}

export interface BuiltinTemplate {
  key: string;
  kind: DialogueKind;
  name: { nl: string; en: string };
  sections: BuiltinSection[];
}

const s = (key: string, nlTitle: string, enTitle: string, nlPrompt: string, enPrompt: string, competence: Competence | null, isPrivate = false): BuiltinSection =>
  ({ key, title: { nl: nlTitle, en: enTitle }, prompt: { nl: nlPrompt, en: enPrompt }, competence, private: isPrivate });

const mentorNotes = s('mentor-notes', 'Notities mentor (privé)', 'Mentor notes (private)',
  'Alleen voor jou: wat viel je op, wat wil je volgende keer oppakken? Dit gaat niet mee in exports, tenzij je het aanvinkt.',
  'Only for you: what struck you, what do you want to pick up next time? Not exported unless you tick it.', null, true);

/** The five templates of DOMAIN.md. Editing one makes a copy; these never change in a vault. */
export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    key: 'internal-reflection',
    kind: 'internal',
    name: { nl: 'Interne dialoog — reflectie op een ervaring', en: 'Internal dialogue — reflecting on an experience' },
    sections: [
      s('experience', 'Wat heb je meegemaakt?', 'What did you experience?', 'Beschrijf de situatie: waar, wanneer, wie waren erbij, wat gebeurde er?', 'Describe the situation: where, when, who was there, what happened?', null),
      s('impact', 'Wat deed dat met je?', 'What did it do to you?', 'Wat voelde en dacht je op dat moment, en nu je erop terugkijkt?', 'What did you feel and think at the time, and looking back now?', 'motives'),
      s('capacities', 'Wat zegt dit over wat je goed kunt?', 'What does this say about what you are good at?', 'Welke kwaliteiten liet je zien, en wat ging minder goed?', 'Which qualities did you show, and what went less well?', 'capacities'),
      s('values', 'Wat vind je belangrijk?', 'What matters to you?', 'Welke waarden of drijfveren kwamen in deze ervaring naar boven?', 'Which values or motives came up in this experience?', 'motives'),
      s('next', 'Wat wil je hiervan leren, wat ga je nu doen?', 'What do you want to learn, what will you do now?', 'Formuleer een leervraag of een concrete volgende stap.', 'Put it as a learning question or a concrete next step.', 'steering'),
      s('who', 'Met wie wil je hierover praten?', 'Who do you want to talk to about this?', 'Mentor, praktijkbegeleider, ouders, klasgenoten, iemand uit het vak?', 'Mentor, workplace supervisor, parents, classmates, someone in the field?', 'networking'),
    ],
  },
  {
    key: 'external-career',
    kind: 'external',
    name: { nl: 'Externe dialoog — loopbaangesprek', en: 'External dialogue — career conversation' },
    sections: [
      s('share', 'Ervaring delen', 'Sharing the experience', 'Laat de leerling vertellen over een ervaring die indruk maakte.', 'Let the student tell about an experience that made an impression.', null),
      s('meaning', 'Doorvragen: wat betekent het voor jou?', 'Asking further: what does it mean to you?', 'Vraag door op gevoel, waarden en wat de leerling ervan leerde.', 'Ask further about feelings, values and what the student learned.', 'motives'),
      s('feedback', 'Feedback', 'Feedback', 'Wat zie jij als mentor? Benoem kwaliteiten en aandachtspunten.', 'What do you see as a mentor? Name strengths and points to work on.', 'capacities'),
      s('next-step', 'Volgende stap kiezen', 'Choosing the next step', 'Welke keuze of actie volgt hieruit? Laat de leerling zelf kiezen.', 'Which choice or action follows? Let the student choose.', 'steering'),
      s('help', 'Wie kan je helpen?', 'Who can help you?', 'Wie in het netwerk van de leerling kan verder helpen?', 'Who in the student’s network can help further?', 'networking'),
      mentorNotes,
    ],
  },
  {
    key: 'intake',
    kind: 'external',
    name: { nl: 'Intake — vraagsturing', en: 'Intake — student-led questions' },
    sections: [
      s('background', 'Voorgeschiedenis', 'Background', 'Opleiding, werk, stages en ervaringen tot nu toe.', 'Education, work, internships and experiences so far.', null),
      s('goal', 'Wat wil je hier halen?', 'What do you want to get out of this?', 'De eigen vraag van de leerling, in zijn of haar woorden.', 'The student’s own question, in their own words.', 'steering'),
      s('service', 'Hoe kunnen wij je zo goed mogelijk van dienst zijn?', 'How can we best help you?', 'Wat verwacht de leerling van school en mentor?', 'What does the student expect from school and mentor?', 'networking'),
      s('profession', 'Beeld van het beroep', 'Picture of the profession', 'Wat weet de leerling al van het werk, en waar komt dat beeld vandaan?', 'What does the student already know about the work, and where does that picture come from?', 'exploration'),
      s('agreements', 'Afspraken', 'Agreements', 'Wat spreken jullie af, wie doet wat, wanneer?', 'What do you agree, who does what, when?', 'steering'),
      mentorNotes,
    ],
  },
  {
    key: 'workplace-triad',
    kind: 'external',
    name: { nl: 'Praktijkbegeleidingsgesprek', en: 'Workplace supervision meeting' },
    sections: [
      s('done', 'Wat heb je gedaan?', 'What did you do?', 'Taken en werkzaamheden in de afgelopen periode.', 'Tasks and work in the past period.', 'exploration'),
      s('dilemmas', "Welke dilemma's kwam je tegen?", 'Which dilemmas did you meet?', 'Ethisch, financieel, kwaliteit: wat botste er, en hoe ging je ermee om?', 'Ethical, financial, quality: what clashed, and how did you handle it?', 'capacities'),
      s('supervisor', 'Wat zegt de praktijkbegeleider?', 'What does the workplace supervisor say?', 'De blik van de praktijkbegeleider op het werk en de ontwikkeling.', 'The supervisor’s view of the work and the development.', 'capacities'),
      s('takeaway', 'Wat neem je mee?', 'What do you take away?', 'Wat neemt de leerling mee naar de volgende periode?', 'What does the student take into the next period?', 'steering'),
      mentorNotes,
    ],
  },
  {
    key: 'dossier-activity',
    kind: 'internal',
    name: { nl: 'Loopbaandossier-activiteit', en: 'Career file activity' },
    sections: [
      s('goal', 'Doel', 'Goal', 'Wat wilde je met deze loopbaanactiviteit bereiken?', 'What did you want to achieve with this career activity?', 'steering'),
      s('result', 'Resultaat', 'Result', 'Wat heb je gedaan en wat kwam eruit?', 'What did you do and what came out of it?', 'exploration'),
      s('evaluation', 'Evaluatie', 'Evaluation', 'Wat ging goed, wat zou je anders doen, wat zegt dit over jou?', 'What went well, what would you do differently, what does it say about you?', 'capacities'),
      s('follow-up', 'Vervolg', 'Follow-up', 'Welke activiteit of keuze volgt hieruit?', 'Which activity or choice follows from this?', 'steering'),
    ],
  },
];
