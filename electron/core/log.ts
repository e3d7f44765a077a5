/**
 * The app's log: event names, error codes and SQLite codes only. Requests, responses and error
 * messages are never written, because they can carry names and transcript text.
 */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);

export function setLogSink(next: LogSink): void {
  sink = next;
}

export function logEvent(event: string, fields: Record<string, string | number | boolean> = {}): void {
  sink(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));
}
