import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';

const TEN_MB = 10 * 1024 * 1024;

function timecode(ms: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

// No timing assertions: machines differ. A quadratic step would not finish within the test timeout.
describe('large files', () => {
  it('parses a 10 MB Teams VTT with one turn per cue', async () => {
    const parts = ['WEBVTT\n\n'];
    let size = parts[0]!.length;
    let cues = 0;
    while (size < TEN_MB) {
      const speaker = cues % 2 === 0 ? 'Mentor Jansen' : 'Sanne de Vries';
      const cue = `${cues + 1}\n${timecode(cues * 2000)} --> ${timecode(cues * 2000 + 1900)}\n`
        + `<v ${speaker}>Zin ${cues} over de stage, het rooster en &amp; de <i>planning</i> van vandaag.</v>\n\n`;
      parts.push(cue);
      size += cue.length;
      cues++;
    }
    const bytes = Buffer.from(parts.join(''));
    expect(bytes.length).toBeGreaterThanOrEqual(TEN_MB);
    const parsed = await timed(`10 MB VTT (${cues} cues)`, () => parseTranscript('groot.vtt', bytes, [{ name: 'Sanne', replacement: 'Leerling' }]));
    expect(parsed.turns).toHaveLength(cues);
    expect(parsed.turns.at(-1)).toEqual({
      speaker: cues % 2 === 0 ? 'Leerling de Vries' : 'Mentor Jansen',
      text: `Zin ${cues - 1} over de stage, het rooster en & de planning van vandaag.`,
      startMs: (cues - 1) * 2000,
    });
    expect(parsed.skipped).toEqual([]);
  });

  it('parses 10 MB of adversarial text: one long turn of near-labels, half-open tags and long lines', async () => {
    const line = `${'<v a <b '.repeat(2000)}Dat weet ik niet: misschien 10:30 (01:05 [Anna ${'x'.repeat(5000)}\n`;
    const count = Math.ceil(TEN_MB / line.length);
    const text = `Mentor: Begin.\n${line.repeat(count)}`;
    const parsed = await timed(`10 MB adversarial TXT (${count} lines)`, () => parseTranscript('raar.txt', Buffer.from(text), []));
    expect(parsed.turns).toHaveLength(1);
    expect(parsed.turns[0]!.text.length).toBeGreaterThan(TEN_MB - 1024 * 1024);

    const cue = `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>${line.repeat(count)}`;
    const parsedCue = await timed('10 MB adversarial single VTT cue', () => parseTranscript('raar.vtt', Buffer.from(cue), []));
    expect(parsedCue.turns).toHaveLength(1);
  });
});
