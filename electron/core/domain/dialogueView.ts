import type { Dialogue, DialogueSummary } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import type { Services } from '../services';
import { localiseTemplate, templateName } from './localise';

/** A dialogue with everything the editor shows: template version, passages, actions, amendments. */
export function dialogueView(services: Services, id: string, language: Language): Dialogue {
  const { templateVersionId, ...record } = services.dialogues.get(id);
  return {
    ...record,
    template: localiseTemplate(services.templates.version(templateVersionId), language),
    participants: services.dialogues.participants(id),
    annotations: services.annotations.listByDialogue(id),
    actions: services.actions.listByDialogue(id),
    amendments: services.amendments.listByDialogue(id),
  };
}

export function dialogueSummaries(services: Services, studentId: string, language: Language): DialogueSummary[] {
  return services.dialogues.summaries(studentId).map(({ templateBuiltinKey, ...summary }) => ({
    ...summary,
    templateName: templateName(summary.templateName, templateBuiltinKey, language),
  }));
}
