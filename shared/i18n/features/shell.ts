import { featureText } from '../feature';

// The shell around every screen (renderer/src/app/Shell.tsx): the sidebar toggle.
export const shell = featureText({
  nl: {
    collapse: 'Zijbalk inklappen',
    expand: 'Zijbalk uitklappen',
  },
  en: {
    collapse: 'Collapse the sidebar',
    expand: 'Expand the sidebar',
  },
});
