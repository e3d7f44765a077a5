import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { SpeakerModelEntry, type SpeakerModelKind, type SpeakerModelStatus } from '../../../shared/transcriptionSchemas';
import { asDiskError } from '../diskErrors';
import { runLimitedJob } from '../jobs/limitedJob';
import { logEvent } from '../log';
import { MAX_SPEAKER_MODEL_BYTES, type OnnxModelFacts } from './onnxModelFile';

const Registry = z.object({
  segmentation: SpeakerModelEntry.nullable(),
  embedding: SpeakerModelEntry.nullable(),
});
type Registry = z.infer<typeof Registry>;

const EMPTY: Registry = { segmentation: null, embedding: null };

export interface SpeakerModelStoreOptions {
  dataDir: string;
  /** Walks the picked file in a limited job (inspectSpeakerModelInJob). */
  inspect: (path: string) => Promise<OnnxModelFacts>;
  now: () => number;
}

/**
 * The two speaker-separation models (issue 17, ADR 0024) in `<userData>/models/speakers/`: not
 * student data, so not encrypted. Imported once by the mentor or the school's IT like the whisper
 * model: size-bounded, inspected (onnxModelFile.ts, in a limited job) before anything else, hashed
 * (SHA-256) while copied under a hash name, and used only after a confirmation, since no
 * published hashes for these files could be checked here. The inspection says which of the two a
 * file is, so the order of importing does not matter; a new one of a kind replaces the old one.
 */
export class SpeakerModelStore {
  readonly dir: string;
  private readonly registryPath: string;

  constructor(private readonly options: SpeakerModelStoreOptions) {
    this.dir = join(options.dataDir, 'models', 'speakers');
    this.registryPath = join(this.dir, 'speakers.json');
  }

  private async read(): Promise<Registry> {
    try {
      const parsed = Registry.safeParse(JSON.parse(await readFile(this.registryPath, 'utf8')));
      return parsed.success ? parsed.data : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  private async write(registry: Registry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.registryPath}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(registry, null, 2));
    await rename(temp, this.registryPath);
  }

  async status(): Promise<SpeakerModelStatus> {
    const registry = await this.read();
    return { ...registry, ready: Boolean(registry.segmentation?.confirmed && registry.embedding?.confirmed) };
  }

  /** Checks the file at `source`, copies it in while hashing, and lists it. Nothing changes on refusal. */
  async importFrom(source: string, originalName: string): Promise<SpeakerModelEntry> {
    const info = await stat(source).catch(() => {
      throw new AppError('NOT_FOUND');
    });
    if (!info.isFile()) throw new AppError('SPEAKER_MODEL_INVALID');
    if (info.size > MAX_SPEAKER_MODEL_BYTES) throw new AppError('FILE_TOO_LARGE');
    const facts = await this.options.inspect(source);
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `import-${randomUUID()}.part`);
    const sha256 = createHash('sha256');
    let copied = 0;
    try {
      await pipeline(createReadStream(source), async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          sha256.update(chunk);
          copied += chunk.length;
          if (copied > MAX_SPEAKER_MODEL_BYTES) throw new AppError('FILE_TOO_LARGE');
          yield chunk;
        }
      }, createWriteStream(temp, { flags: 'wx' }));
      // The file changed under us (still being copied onto the stick?): it is not what was checked.
      if (copied !== facts.fileBytes) throw new AppError('MODEL_TRUNCATED');
      const hex = sha256.digest('hex');
      const id = `${hex.slice(0, 16)}.onnx`;
      const registry = await this.read();
      const previous = registry[facts.kind];
      if (previous?.id === id) {
        await rm(temp, { force: true });
        return previous;
      }
      await rename(temp, join(this.dir, id));
      const entry: SpeakerModelEntry = {
        kind: facts.kind, id, originalName: originalName.slice(0, 255), sizeBytes: copied, sha256: hex,
        confirmed: false, importedAt: new Date(this.options.now()).toISOString(),
        ...(facts.numSpeakers !== undefined ? { numSpeakers: facts.numSpeakers } : {}),
        ...(facts.outputDim !== undefined ? { outputDim: facts.outputDim } : {}),
        ...(facts.framework !== undefined ? { framework: facts.framework.slice(0, 40) } : {}),
      };
      await this.write({ ...registry, [facts.kind]: entry });
      if (previous) await rm(join(this.dir, previous.id), { force: true });
      logEvent('speakerModel.imported', { kind: facts.kind, sizeMb: Math.round(copied / 2 ** 20) });
      return entry;
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof AppError) throw error;
      throw asDiskError(error) ?? error;
    }
  }

  async confirm(kind: SpeakerModelKind): Promise<SpeakerModelStatus> {
    const registry = await this.read();
    const entry = registry[kind];
    if (!entry) throw new AppError('NOT_FOUND');
    await this.write({ ...registry, [kind]: { ...entry, confirmed: true } });
    return this.status();
  }

  async remove(kind: SpeakerModelKind): Promise<SpeakerModelStatus> {
    const registry = await this.read();
    const entry = registry[kind];
    if (!entry) throw new AppError('NOT_FOUND');
    await this.write({ ...registry, [kind]: null });
    await rm(join(this.dir, entry.id), { force: true });
    return this.status();
  }

  /** The two files a transcription hands the engine, with their sizes; null unless both are confirmed. */
  async ready(): Promise<{ segmentationPath: string; embeddingPath: string; bytes: number } | null> {
    const { segmentation, embedding } = await this.read();
    if (!segmentation?.confirmed || !embedding?.confirmed) return null;
    return {
      segmentationPath: join(this.dir, segmentation.id),
      embeddingPath: join(this.dir, embedding.id),
      bytes: segmentation.sizeBytes + embedding.sizeBytes,
    };
  }
}

/** Walks a picked ONNX file in a limited job (plain JS on the user's pick; sherpa-onnx never sees a file before this). */
export function inspectSpeakerModelInJob(path: string): Promise<OnnxModelFacts> {
  return runLimitedJob<OnnxModelFacts>('speakerModelInspect', { path }, { maxHeapMb: 128, deadlineMs: 30_000 });
}
