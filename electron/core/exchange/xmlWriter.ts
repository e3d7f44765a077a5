/**
 * A small XML writer for the REFI-QDA files: elements, attributes and text, escaped. Small on
 * purpose: the files are a fixed, shallow shape, and writing them by hand keeps the output
 * byte-for-byte the same for the same data (no library's formatting choices in between).
 */

// Characters XML 1.0 does not allow at all, not even as references: most C0 controls, lone
// surrogates, U+FFFE and U+FFFF. A memo pasted from somewhere may hold them; a QDA tool (and
// the XSD check) would reject the whole file, so they are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes and whitespace controls, which a parser would otherwise normalise to spaces. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export type Attributes = Record<string, string | number | boolean | null | undefined>;

export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  private depth = 0;

  private attributes(attributes: Attributes): string {
    return Object.entries(attributes)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
      .join('');
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }

  open(name: string, attributes: Attributes = {}): this {
    this.parts.push(`${this.indent()}<${name}${this.attributes(attributes)}>\n`);
    this.depth += 1;
    return this;
  }

  close(name: string): this {
    this.depth -= 1;
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  empty(name: string, attributes: Attributes = {}): this {
    this.parts.push(`${this.indent()}<${name}${this.attributes(attributes)}/>\n`);
    return this;
  }

  /** An element holding only text; the text is written as it is (no indentation inside it). */
  text(name: string, text: string, attributes: Attributes = {}): this {
    this.parts.push(`${this.indent()}<${name}${this.attributes(attributes)}>${escapeText(text)}</${name}>\n`);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
