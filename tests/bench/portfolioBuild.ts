import { BUILTIN_TEMPLATES } from '../../shared/builtins/templates';
import type { Dialogue } from '../../shared/dialogueSchemas';
import type { BlockNode } from '../../shared/editorDoc';
import { buildPortfolio } from '../../electron/core/export/portfolioDocx';
import { annotation, at, codes, context, dialogue, docFor, id, leaf, student, template } from '../unit/core/export/docxFixtures';

/**
 * `tsx tests/bench/portfolioBuild.ts`: the portfolio builder alone, in this process, on a
 * 40-dialogue input like the bench vault's first student (the five built-in templates in turn,
 * ~1,200 words in speaker turns in the first section, 5 tags each). Prints the median build time
 * and the heap and RSS growth over idle; a quick figure for changing the builder, not a test.
 */
const WORDS = 'ik heb vandaag op mijn stage gezien hoe de begeleider met klanten praat en wat dat van mij vraagt'.split(' ');
const CODE_KEYS = ['boundaryExperience', 'competence:capacities', 'competence:motives', 'competence:exploration', 'learningQuestion'];

function build40(): Dialogue[] {
  return Array.from({ length: 40 }, (_, n) => {
    const builtin = BUILTIN_TEMPLATES[n % BUILTIN_TEMPLATES.length]!;
    const version = template(builtin.key);
    const dialogueId = id(10_000 + n);
    const tagIds = CODE_KEYS.map((_, tag) => id(20_000 + n * 10 + tag));
    const turns: BlockNode[] = Array.from({ length: 60 }, (_, turn) => {
      const words = Array.from({ length: 20 }, (_, w) => WORDS[(turn * 7 + w + n) % WORDS.length]).join(' ');
      const tag = turn % 12 === 0 ? tagIds[(turn / 12) % tagIds.length] : undefined;
      return { type: 'paragraph', speaker: turn % 2 ? 'Mentor' : 'Leerling', role: turn % 2 ? 'mentor' : 'student', children: tag ? [leaf(words, { ann: [tag] })] : [leaf(words)] } as BlockNode;
    });
    const blocks: Record<string, BlockNode[]> = { [version.sections[0]!.key]: turns };
    for (const section of version.sections.slice(1)) blocks[section.key] = [{ type: 'paragraph', children: [leaf(`Korte reflectie ${n} in ${section.key}.`)] }];
    const day = new Date(Date.UTC(2022, 8, 1) + n * 30 * 86_400_000).toISOString().slice(0, 10);
    return dialogue({
      id: dialogueId, template: version, heldOn: day, title: `Gesprek ${n}`, status: 'final', finalisedAt: at(day),
      content: docFor(version, blocks),
      annotations: CODE_KEYS.map((code, tag) => annotation(tagIds[tag]!, dialogueId, code, 'fragment', 'memo', code === 'boundaryExperience' ? { dilemmaType: 'ethical', context: 'internship' } : {})),
    });
  });
}

const input = { student, from: '2022-01-01', to: '2026-12-31', dialogues: build40(), codes, actions: [] };
const options = JSON.parse(process.argv[2] ?? '{"includePrivate":false}');
global.gc?.();
const idle = { heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };
const times: number[] = [];
let peakHeap = 0;
let peakRss = 0;
let bytes = 0;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
}, 5);
for (let run = 0; run < 6; run++) {
  const started = performance.now();
  const data = await buildPortfolio(input, options, context());
  times.push(performance.now() - started);
  bytes = data.length;
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
}
clearInterval(sampler);
const sorted = times.slice(1).sort((a, b) => a - b);
console.log(JSON.stringify({
  medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!), firstMs: Math.round(times[0]!),
  heapAboveIdleMb: Math.round((peakHeap - idle.heap) / 1e6), rssAboveIdleMb: Math.round((peakRss - idle.rss) / 1e6), docxKb: Math.round(bytes / 1024),
}));
