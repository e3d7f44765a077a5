import { createContext, useContext } from 'react';
import type { CodeCue } from '../../../../shared/builtins/codes';
import type { TemplateSection } from '../../../../shared/dialogueSchemas';

export interface TagStyle { color: string; cue: CodeCue; name: string }

/** Section titles and prompts by key, for the non-editable section headers. */
export const SectionsContext = createContext<ReadonlyMap<string, TemplateSection>>(new Map());
/** How each annotation looks: its code's colour, underline cue and name. */
export const TagStylesContext = createContext<ReadonlyMap<string, TagStyle>>(new Map());

export const useSections = () => useContext(SectionsContext);
export const useTagStyles = () => useContext(TagStylesContext);
