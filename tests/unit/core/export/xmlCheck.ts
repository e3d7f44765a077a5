import { SaxesParser } from 'saxes';

/**
 * Whether a part is well-formed XML 1.0, characters included: what Word checks before anything
 * else, and fails with "unreadable content" on. saxes is the strict parser jsdom uses.
 */
export function wellFormed(xml: string): boolean {
  const parser = new SaxesParser({ xmlns: false });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.write(xml).close();
  return !failed;
}
