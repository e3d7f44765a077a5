import type { BackendOptions } from '../../../electron/core/backend';
import { dialogueView } from '../../../electron/core/domain/dialogueView';
import { buildDocxInJob } from '../../../electron/core/export/docxJob';
import { handlers } from '../../../electron/core/handlers';
import type { HandlerTable } from '../../../electron/core/handlers/context';

/**
 * Loaded by the backend host (from sources only): before the real portfolio export, builds a
 * school-year-sized portfolio (the student's dialogue, its sections repeated, forty times) in
 * the same Word job the export uses, so that the export takes seconds, as a large one does.
 */
const table: HandlerTable = {
  ...handlers,
  'export:portfolio': async (request, ctx) => {
    const services = ctx.services();
    const [first] = services.dialogues.summaries(request.studentId);
    if (first) {
      const dialogue = dialogueView(services, first.id, 'nl');
      const large = { ...dialogue, content: Array.from({ length: 120 }, () => dialogue.content).flat() };
      await buildDocxInJob({
        kind: 'portfolio',
        input: { student: services.students.get(request.studentId), from: request.from, to: request.to, dialogues: Array.from({ length: 40 }, () => large), codes: [], actions: [] },
        options: { includePrivate: false },
        ctx: { language: 'nl', now: new Date(ctx.now()), school: { name: '', logo: null }, author: '' },
      });
    }
    return handlers['export:portfolio'](request, ctx);
  },
};

const hooks: Partial<BackendOptions> = { handlerTable: table };
export default hooks;
