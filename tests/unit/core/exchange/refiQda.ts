import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

/** The official REFI-QDA schemas, copied from openqda/refi-tools (see tests/fixtures/refi-qda/README.md). */
export const PROJECT_XSD = join(__dirname, '../../../fixtures/refi-qda/Project.xsd');
export const CODEBOOK_XSD = join(__dirname, '../../../fixtures/refi-qda/Codebook.xsd');

/**
 * Validates with libxml2's xmllint (Debian's libxml2-utils; CI installs it in .ci/run). Returns
 * xmllint's complaints, empty when the document is valid. No skip when xmllint is missing: a
 * check that silently does not run would let an invalid export through.
 */
export function xsdErrors(xml: string, xsd: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lbd-xsd-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml, 'utf8');
    try {
      execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      return '';
    } catch (error) {
      const failed = error as NodeJS.ErrnoException & { stderr?: Buffer };
      if (failed.code === 'ENOENT') throw new Error('xmllint is not installed (Debian: apt-get install libxml2-utils)', { cause: error });
      return failed.stderr?.toString('utf8') ?? String(error);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

/** A small DOM from saxes (strict, namespace-aware): enough to walk a project.qde. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '', parent: null };
  let current = root;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = typeof attribute === 'string' ? attribute : attribute.value;
    const element: XmlElement = { name: `${tag.uri}|${tag.local}`, attributes, children: [], text: '', parent: current };
    current.children.push(element);
    current = element;
  });
  parser.on('text', (text) => {
    current.text += text;
  });
  parser.on('closetag', () => {
    current = current.parent!;
  });
  parser.write(xml).close();
  return root;
}

/** Every element named `local` in the REFI project namespace, depth first. */
export function all(element: XmlElement, local: string, ns = 'urn:QDA-XML:project:1.0'): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (child.name === `${ns}|${local}`) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

export async function unzip(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const entries = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) entries.set(entry.name, await entry.async('nodebuffer'));
  return entries;
}

/** A substring by Unicode code points, as REFI-QDA counts positions; independent of the exporter's counting. */
export function codePointSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
