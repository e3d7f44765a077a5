// Child process of crashSafety.test.ts: opens the vault database with a raw data key (hex in
// CRASH_KEY, unwrapped once by the parent, so no scrypt per start) and saves students through
// the same handler as the app, printing `ACK <n>` only after each save has returned.
// The parent kills it with SIGKILL at a random moment.
import { openDatabase } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import type { HandlerContext } from '../../../electron/core/handlers/context';
import { studentHandlers } from '../../../electron/core/handlers/studentHandlers';
import { Services } from '../../../electron/core/services';
import { StudentFields } from '../../../shared/schemas';

const dbPath = process.env.CRASH_DB!;
const key = Buffer.from(process.env.CRASH_KEY!, 'hex');
const round = process.env.CRASH_ROUND!;

const db = openDatabase(dbPath, { key });
migrate(db);
const services = new Services(db);
const ctx = {
  services: () => services,
  now: Date.now,
  nowIso: () => new Date().toISOString(),
} as unknown as HandlerContext;

process.stdout.write('READY\n');
for (let n = 0; ; n++) {
  const fields = StudentFields.parse({ displayName: `crash-${round}-${n}`, schoolType: 'havo', programme: 'x'.repeat(20 + (n % 7) * 25) });
  studentHandlers['students:create'](fields, ctx);
  process.stdout.write(`ACK ${n}\n`);
}
