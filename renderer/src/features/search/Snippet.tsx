import { HIT_END, HIT_START } from '../../../../shared/searchSchemas';

/** Renders a snippet whose matched words the backend wrapped in private-use markers. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${HIT_START}[^${HIT_END}]*${HIT_END})`, 'u'));
  return (
    <>
      {parts.map((part, index) => (part.startsWith(HIT_START)
        ? <mark key={index}>{part.slice(1, -1)}</mark>
        : <span key={index}>{part}</span>))}
    </>
  );
}

/** The matched words of a snippet: what the dialogue should highlight when opened. */
export function hitTerms(text: string): string[] {
  const terms = [...text.matchAll(new RegExp(`${HIT_START}([^${HIT_END}]*)${HIT_END}`, 'gu'))].map((match) => match[1]!.trim());
  return [...new Set(terms.filter(Boolean))];
}
