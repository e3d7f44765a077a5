import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { freemem } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import { type ModelEntry, ModelEntry as ModelEntrySchema, type ModelList } from '../../../shared/transcriptionSchemas';
import { z } from 'zod';
import { asDiskError } from '../diskErrors';
import { knownModelBySha1 } from './knownModels';
import { estimateMemoryBytes, type ModelHeader } from './modelFile';

/** Largest model file accepted: large-v3 in f32 is about 6 GB; anything past 8 GB is not whisper. */
const MAX_MODEL_BYTES = 8 * 1024 ** 3;

const Registry = z.object({
  models: z.array(ModelEntrySchema.omit({ active: true })).max(50),
  activeId: z.string().nullable(),
});
type Registry = z.infer<typeof Registry>;

export interface ModelStoreOptions {
  dataDir: string;
  /** Walks the picked file in the limited job (whisperEngine.inspectModelInJob). */
  inspect: (path: string) => Promise<ModelHeader>;
  /** Free memory, bytes; injectable so the "too large for this machine" refusal can be tested. */
  freeMemory?: () => number;
  now: () => number;
}

/**
 * The speech models in `<userData>/models/`: not student data, so not encrypted. A model is
 * imported once (by the mentor or the school's IT), verified by its header and tensor table,
 * hashed while it is copied, and recognised by the hash whisper.cpp publishes; an unknown file is
 * kept but used only after the mentor confirmed it. `models.json` lists them and the active one.
 */
export class ModelStore {
  readonly dir: string;
  private readonly registryPath: string;

  constructor(private readonly options: ModelStoreOptions) {
    this.dir = join(options.dataDir, 'models');
    this.registryPath = join(this.dir, 'models.json');
  }

  freeMemory(): number {
    return (this.options.freeMemory ?? freemem)();
  }

  private async read(): Promise<Registry> {
    try {
      const parsed = Registry.safeParse(JSON.parse(await readFile(this.registryPath, 'utf8')));
      return parsed.success ? parsed.data : { models: [], activeId: null };
    } catch {
      return { models: [], activeId: null };
    }
  }

  private async write(registry: Registry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.registryPath}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(registry, null, 2));
    await rename(temp, this.registryPath);
  }

  async list(): Promise<ModelList> {
    const registry = await this.read();
    return {
      models: registry.models.map((m) => ({ ...m, active: m.id === registry.activeId })),
      freeMemoryBytes: Math.max(0, Math.round(this.freeMemory())),
    };
  }

  /** Refuses a model that needs more memory than is free, before anything loads it. */
  checkMemory(memoryBytes: number): void {
    const free = this.freeMemory();
    if (memoryBytes > free) {
      throw new AppError('MODEL_TOO_LARGE_FOR_MEMORY', { neededMb: Math.ceil(memoryBytes / 1024 ** 2), freeMb: Math.floor(free / 1024 ** 2) });
    }
  }

  /** Checks the file at `source`, copies it in while hashing, and lists it. Nothing changes on refusal. */
  async importFrom(source: string, originalName: string): Promise<ModelEntry> {
    const info = await stat(source).catch(() => {
      throw new AppError('NOT_FOUND');
    });
    if (!info.isFile()) throw new AppError('MODEL_NOT_A_MODEL');
    if (info.size > MAX_MODEL_BYTES) throw new AppError('FILE_TOO_LARGE');
    const header = await this.options.inspect(source);
    const memoryBytes = estimateMemoryBytes(header);
    this.checkMemory(memoryBytes);
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `import-${randomUUID()}.part`);
    const sha256 = createHash('sha256');
    const sha1 = createHash('sha1');
    let copied = 0;
    try {
      await pipeline(createReadStream(source), async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          sha256.update(chunk);
          sha1.update(chunk);
          copied += chunk.length;
          yield chunk;
        }
      }, createWriteStream(temp, { flags: 'wx' }));
      // The file changed under us (still being copied onto the stick?): it is not what was checked.
      if (copied !== header.fileBytes) throw new AppError('MODEL_TRUNCATED');
      const sha256Hex = sha256.digest('hex');
      const sha1Hex = sha1.digest('hex');
      const id = `${sha256Hex.slice(0, 16)}.bin`;
      const known = knownModelBySha1(sha1Hex);
      const registry = await this.read();
      const existing = registry.models.find((m) => m.id === id);
      if (existing) {
        await rm(temp, { force: true });
        return { ...existing, active: registry.activeId === id };
      }
      await rename(temp, join(this.dir, id));
      const entry: Omit<ModelEntry, 'active'> = {
        id, originalName: originalName.slice(0, 255), sizeBytes: copied, sha256: sha256Hex, sha1: sha1Hex,
        known: known?.name ?? null, confirmed: known !== null, audioLayers: header.audioLayers, multilingual: header.multilingual,
        memoryBytes, importedAt: new Date(this.options.now()).toISOString(),
      };
      registry.models.push(entry);
      // The first usable model becomes the active one.
      if (!registry.activeId && entry.confirmed) registry.activeId = id;
      await this.write(registry);
      return { ...entry, active: registry.activeId === id };
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof AppError) throw error;
      throw asDiskError(error) ?? error;
    }
  }

  async confirm(id: string): Promise<ModelList> {
    const registry = await this.read();
    const entry = registry.models.find((m) => m.id === id);
    if (!entry) throw new AppError('NOT_FOUND');
    entry.confirmed = true;
    registry.activeId ??= id;
    await this.write(registry);
    return this.list();
  }

  async setActive(id: string): Promise<ModelList> {
    const registry = await this.read();
    const entry = registry.models.find((m) => m.id === id);
    if (!entry) throw new AppError('NOT_FOUND');
    if (!entry.confirmed) throw new AppError('MODEL_NOT_CONFIRMED');
    registry.activeId = id;
    await this.write(registry);
    return this.list();
  }

  async remove(id: string): Promise<ModelList> {
    const registry = await this.read();
    if (!registry.models.some((m) => m.id === id)) throw new AppError('NOT_FOUND');
    registry.models = registry.models.filter((m) => m.id !== id);
    if (registry.activeId === id) registry.activeId = registry.models.find((m) => m.confirmed)?.id ?? null;
    await this.write(registry);
    await rm(join(this.dir, id), { force: true });
    return this.list();
  }

  /** The model a transcription uses: its path and entry; MODEL_NONE without one. */
  async active(): Promise<{ path: string; entry: ModelEntry }> {
    const { models } = await this.list();
    const entry = models.find((m) => m.active);
    if (!entry) throw new AppError('MODEL_NONE');
    if (!entry.confirmed) throw new AppError('MODEL_NOT_CONFIRMED');
    return { path: join(this.dir, entry.id), entry };
  }
}
