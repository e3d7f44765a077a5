import type { CodeCue } from '../../../../shared/builtins/codes';

/** A code's colour together with its underline style, so the two cues always appear together. */
export function CodeSwatch({ color, cue }: { color: string; cue: CodeCue }) {
  return (
    // Its own class: the codebook's .code-swatch is a 1rem colour box, which squeezed this "Aa"
    // sample into an empty square with the text spilling below, like a second checkbox.
    <span className="code-sample" aria-hidden="true">
      <span className="code-swatch-fill" style={{ backgroundColor: `${color}55`, textDecorationColor: color, textDecorationStyle: cue }}>Aa</span>
    </span>
  );
}
