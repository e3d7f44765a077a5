import { useTranslation } from 'react-i18next';
import type { Code } from '../../../../shared/dialogueSchemas';
import { colorKey } from './codeTree';
import '../../styles/features.css';

/** The colour's name in words, or its hex value for a colour outside the palette. */
export function useColorName(): (hex: string) => string {
  const { t } = useTranslation();
  return (hex) => {
    const key = colorKey(hex);
    return key ? t(`codebook.colors.${key}`) : hex.toUpperCase();
  };
}

/**
 * A code as it looks on a tagged passage: a colour swatch and the name underlined in the code's
 * colour and line style, with both spelled out in words, so colour is never the only cue.
 */
export function CodeLabel({ code, describe = true }: { code: Pick<Code, 'name' | 'color' | 'cue'>; describe?: boolean }) {
  const { t } = useTranslation();
  const colorName = useColorName();
  return (
    <span className="code-label">
      <span className="code-swatch" style={{ backgroundColor: code.color }} aria-hidden="true" />
      <span className="code-name" data-cue={code.cue} style={{ textDecorationColor: code.color }}>{code.name}</span>
      {describe && (
        <span className="code-cue-text">{t('codebook.cueLabel', { color: colorName(code.color), cue: t(`codebook.cues.${code.cue}`) })}</span>
      )}
    </span>
  );
}
