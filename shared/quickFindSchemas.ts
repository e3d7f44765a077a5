import { z } from 'zod';
import { Id, IsoDate } from './schemas';

export const QuickFindRequest = z.object({ query: z.string().max(100) }).strict();
export const QuickFindResult = z.object({
  students: z.array(z.object({ id: Id, name: z.string() })),
  dialogues: z.array(z.object({ id: Id, studentId: Id, title: z.string(), heldOn: IsoDate, studentName: z.string() })),
});
export type QuickFindResult = z.infer<typeof QuickFindResult>;
