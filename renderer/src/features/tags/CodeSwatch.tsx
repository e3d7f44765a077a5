import type { CodeCue } from '../../../../shared/builtins/codes';

/** A code's colour together with its underline style, so the two cues always appear together. */
export function CodeSwatch({ color, cue }: { color: string; cue: CodeCue }) {
  return (
    <span className="code-swatch" aria-hidden="true">
      <span className="code-swatch-fill" style={{ backgroundColor: `${color}55`, textDecorationColor: color, textDecorationStyle: cue }}>Aa</span>
    </span>
  );
}
