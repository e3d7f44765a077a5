import { featureText } from '../feature';

// The toast stack (renderer/src/components/Toasts.tsx): how screen readers name it.
export const toasts = featureText({
  nl: {
    /** The landmark that holds the toasts; F8 moves focus there. */
    region: 'Meldingen ({hotkey})',
    /** Said before a toast's text. */
    label: 'Melding',
  },
  en: {
    region: 'Notifications ({hotkey})',
    label: 'Notification',
  },
});
