import { featureText } from '../feature';

export const help = featureText({
  nl: {
    open: 'Sneltoetsen',
    title: 'Sneltoetsen en begrippen',
    intro: 'Alles in de app werkt ook zonder muis. Tab en Shift+Tab gaan naar het volgende en vorige element; Enter of spatie activeert het.',
    keys: {
      help: 'Deze lijst tonen',
      lock: 'Kluis vergrendelen',
      bold: 'Vet',
      italic: 'Cursief',
      undo: 'Ongedaan maken',
      redo: 'Opnieuw',
      tag: 'Geselecteerde tekst taggen',
      save: 'Nu opslaan (gebeurt ook automatisch)',
      escape: 'Venster of dialoog sluiten',
    },
  },
  en: {
    open: 'Keyboard shortcuts',
    title: 'Keyboard shortcuts and terms',
    intro: 'Everything in the app works without a mouse. Tab and Shift+Tab move to the next and previous element; Enter or Space activates it.',
    keys: {
      help: 'Show this list',
      lock: 'Lock the vault',
      bold: 'Bold',
      italic: 'Italic',
      undo: 'Undo',
      redo: 'Redo',
      tag: 'Tag the selected text',
      save: 'Save now (also happens automatically)',
      escape: 'Close a window or dialog',
    },
  },
});
