import { createContext, useContext } from 'react';

/** Where the mentor is. Small enough that a router library would add more than it saves. */
export type Route =
  | { screen: 'today' }
  | { screen: 'students' }
  | { screen: 'student'; studentId: string }
  // focusText: just started from "Nieuw gesprek", so the caret waits in the first section.
  | { screen: 'dialogue'; studentId: string; dialogueId: string; focusAnnotationId?: string; highlight?: { sectionKey: string | null; terms: string[] }; focusText?: boolean }
  | { screen: 'search' }
  | { screen: 'groups' }
  | { screen: 'codebook' }
  | { screen: 'templates' }
  | { screen: 'settings' };

export interface Navigation {
  route: Route;
  go(route: Route): void;
}

export const NavigationContext = createContext<Navigation>({ route: { screen: 'students' }, go: () => undefined });

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
