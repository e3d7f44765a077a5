import { join } from 'node:path';
import { Backend } from '../../electron/core/backend';
import { HostClient } from '../../electron/core/host/hostClient';
import type { Api } from '../../shared/api';
import type { DialogueDoc } from '../../shared/editorDoc';
import { clientFor, type Dispatcher } from '../harness/clientFor';
import { fixedFolderPicker, folderSaveTarget } from '../harness/folderSaveTarget';
import { forkNodeHost } from '../harness/nodeHost';
import { docxBomb } from '../unit/core/import/zipBuilder';
import { watchEventLoop } from './backendFigures';
import { type Figure, summarise } from './figure';
import { BENCH_PASSPHRASE, type SyntheticVault } from './syntheticVault';

/**
 * Issue 12's figures: how long the process that forwards requests (Electron main's part) stops
 * answering while the backend works, and how quickly `students:list` answers meanwhile. The
 * baseline is the same operation with the core in the forwarding process itself, as before the
 * host existed; the value is the core behind the host boundary.
 */

interface Side { api: Api; dispatcher: Dispatcher; close(): Promise<void> }

async function inProcess(vault: SyntheticVault, workDir: string): Promise<Side> {
  const backend = new Backend({
    dataDir: vault.dataDir, appVersion: '0.0.0-bench',
    saveTarget: folderSaveTarget(join(workDir, 'exports')), folderPicker: fixedFolderPicker(join(workDir, 'backups')),
  });
  const api = clientFor(backend);
  return { api, dispatcher: backend, close: async () => backend.close() };
}

async function behindHost(vault: SyntheticVault, workDir: string): Promise<Side> {
  const client = new HostClient({
    spawn: forkNodeHost,
    config: { dataDir: vault.dataDir, appVersion: '0.0.0-bench', deviceAvailable: false },
    services: { saveTarget: folderSaveTarget(join(workDir, 'exports')), folderPicker: fixedFolderPicker(join(workDir, 'backups')) },
    onEvent: () => undefined,
  });
  const api = clientFor(client);
  return { api, dispatcher: client, close: () => client.close() };
}

type Operation = { id: string; name: string; run: (api: Api) => Promise<unknown>; prepare?: (api: Api) => Promise<void> };

function withWordAdded(doc: DialogueDoc, word: string): DialogueDoc {
  const [first, ...rest] = doc;
  const paragraph = first!.children[0]!;
  const leaf = paragraph.children[0] as { text: string };
  return [{ ...first!, children: [{ ...paragraph, children: [{ ...leaf, text: `${leaf.text} ${word}` }, ...paragraph.children.slice(1)] }, ...first!.children.slice(1)] }, ...rest] as DialogueDoc;
}

function operations(vault: SyntheticVault): Operation[] {
  const period = { studentId: vault.portfolioStudentId, from: '2000-01-01', to: '2099-12-31' };
  let revision = 0;
  let content: DialogueDoc | null = null;
  const bomb = docxBomb(150, { lie: true }).toString('base64');
  return [
    { id: 'portfolio', name: 'portfolio export', run: (api) => api.export.portfolio(period) },
    {
      id: 'autosave', name: 'autosave of the largest dialogue',
      prepare: async (api) => {
        const dialogue = await api.dialogues.get({ id: vault.autosaveDialogueId });
        content = dialogue.content as DialogueDoc;
        revision = dialogue.revision;
      },
      run: async (api) => {
        content = withWordAdded(content!, 'woord');
        revision = (await api.dialogues.save({ id: vault.autosaveDialogueId, revision, content })).revision;
      },
    },
    { id: 'hostileDocx', name: 'a 150 MB .docx bomb refused', run: (api) => api.transcripts.parse({ fileName: 'bom.docx', dataBase64: bomb, pseudonyms: [] }).catch(() => undefined) },
    { id: 'backup', name: 'backup + verify', prepare: async (api) => { await api.backups.chooseFolder(); }, run: (api) => api.backups.run() },
  ];
}

/** `students:list` latencies while `busy` runs, one request after another. */
async function listLatencies(api: Api, busy: Promise<unknown>): Promise<number[]> {
  let done = false;
  void busy.finally(() => { done = true; });
  const samples: number[] = [];
  while (!done) {
    const started = performance.now();
    await api.students.list({});
    samples.push(performance.now() - started);
    // A macrotask between requests, as between a mentor's clicks: an in-process backend answers
    // within microtasks, and a loop of those would starve the very work it waits for.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return samples;
}

async function measureSide(side: Side, ops: Operation[], rounds: number): Promise<Map<string, { stalls: number[]; lists: number[] }>> {
  const out = new Map<string, { stalls: number[]; lists: number[] }>();
  await side.api.vault.unlock({ passphrase: BENCH_PASSPHRASE });
  for (const op of ops) {
    await op.prepare?.(side.api);
    const entry = { stalls: [] as number[], lists: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      const stop = watchEventLoop(5);
      const busy = op.run(side.api);
      entry.lists.push(...await listLatencies(side.api, busy));
      await busy;
      entry.stalls.push(stop());
    }
    out.set(op.id, entry);
  }
  return out;
}

export async function measureForwarderStalls(vault: SyntheticVault, workDir: string, rounds = 3): Promise<Figure[]> {
  const ops = operations(vault);
  const baselineSide = await inProcess(vault, workDir);
  const before = await measureSide(baselineSide, ops, rounds).finally(() => baselineSide.close());
  const hostSide = await behindHost(vault, workDir);
  const after = await measureSide(hostSide, ops, rounds).finally(() => hostSide.close());
  const figures: Figure[] = [];
  for (const op of ops) {
    const value = summarise(after.get(op.id)!.stalls);
    const baseline = summarise(before.get(op.id)!.stalls);
    figures.push({
      id: `stall-${op.id}`, figure: `longest stall of the forwarding process during ${op.name}`, unit: 'ms', value,
      baseline: { label: 'core in the forwarding process (before the host)', ...baseline }, target: '≤ 50 ms', met: value.p95 <= 50,
    });
    const lists = summarise(after.get(op.id)!.lists);
    const listsBefore = summarise(before.get(op.id)!.lists);
    figures.push({
      id: `list-${op.id}`, figure: `students:list while ${op.name} runs (n=${lists.n})`, unit: 'ms', value: lists,
      baseline: { label: 'core in the forwarding process', ...listsBefore }, target: '≤ 50 ms p95', met: lists.p95 <= 50,
    });
  }
  return figures;
}
