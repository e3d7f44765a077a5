import { z } from 'zod';
import { Id, IsoDate } from './schemas';

/** "Vandaag / deze week": what needs the mentor's attention across all students. */
export const TodayOverview = z.object({
  today: IsoDate,
  weekEnd: IsoDate,
  quietWeeks: z.number().int().min(1).max(52),
  dueActions: z.array(z.object({
    actionId: Id, studentId: Id, studentName: z.string(), text: z.string(), owner: z.string(),
    dueDate: IsoDate, dialogueId: Id.nullable(), overdue: z.boolean(),
  })),
  quietStudents: z.array(z.object({ studentId: Id, studentName: z.string(), lastDialogueOn: IsoDate.nullable() })),
  drafts: z.array(z.object({ dialogueId: Id, studentId: Id, studentName: z.string(), title: z.string(), heldOn: IsoDate })),
});
export type TodayOverview = z.infer<typeof TodayOverview>;

export const TodayRequest = z.object({ quietWeeks: z.number().int().min(1).max(52).default(6) }).strict();
