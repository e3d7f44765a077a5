import { featureText } from '../feature';

// The shell around every screen (renderer/src/app/Shell.tsx): the sidebar toggle, and the note
// when the vault was opened on a full disk (DiskFullNote.tsx). `menu` and `backupShort` belong to
// the one-row top bar of a narrow window (TopBar.tsx).
export const shell = featureText({
  nl: {
    collapse: 'Zijbalk inklappen',
    expand: 'Zijbalk uitklappen',
    diskFull: 'De schijf is vol. Je kunt alles lezen, maar niets opslaan of wijzigen tot er weer ruimte is. Maak ruimte vrij (verwijder bijvoorbeeld grote bestanden of leeg de prullenbak) en kies dan "Opnieuw controleren".',
    diskFullRetry: 'Opnieuw controleren',
    menu: 'Menu',
    backupShort: 'Back-up',
  },
  en: {
    collapse: 'Collapse the sidebar',
    expand: 'Expand the sidebar',
    diskFull: 'The disk is full. You can read everything, but nothing can be saved or changed until there is room again. Free some space (for example delete large files or empty the bin) and then choose "Check again".',
    diskFullRetry: 'Check again',
    menu: 'Menu',
    backupShort: 'Backup',
  },
});
