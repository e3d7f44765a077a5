import type { KnownModel } from '../../../shared/transcriptionSchemas';

/**
 * The multilingual ggml models of whisper.cpp, by the hash whisper.cpp publishes for them in its
 * models/README.md table. That table gives SHA-1, not SHA-256: the import computes both in one
 * pass, compares the SHA-1 with this table and keeps the SHA-256 to show and compare later. No
 * SHA-256 is listed here because none was found published by the project itself (ADR 0017).
 *
 * Speed and accuracy are relative, from whisper.cpp's and OpenAI's model descriptions; Dutch
 * accuracy was not measured for this app (no model can be downloaded where it is built).
 */
export interface KnownModelInfo {
  name: KnownModel;
  sha1: string;
  /** Approximate file size, MiB, as published. */
  diskMb: number;
  /** Approximate memory to run it, MB (whisper.cpp's README table), used when the header is odd. */
  memoryMb: number;
}

export const KNOWN_MODEL_TABLE: readonly KnownModelInfo[] = [
  { name: 'tiny', sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f', diskMb: 75, memoryMb: 273 },
  { name: 'base', sha1: '465707469ff3a37a2b9b8d8f89f2f99de7299dac', diskMb: 142, memoryMb: 388 },
  { name: 'small', sha1: '55356645c2b361a969dfd0ef2c5a50d530afd8d5', diskMb: 466, memoryMb: 852 },
  { name: 'medium', sha1: 'fd9727b6e1217c2f614f9b698455c4ffd82463b4', diskMb: 1500, memoryMb: 2100 },
  { name: 'large-v3-turbo', sha1: '4af2b29d7ec73d781377bfd1758ca957a807e941', diskMb: 1536, memoryMb: 2300 },
];

export function knownModelBySha1(sha1: string): KnownModelInfo | null {
  return KNOWN_MODEL_TABLE.find((m) => m.sha1 === sha1.toLowerCase()) ?? null;
}
