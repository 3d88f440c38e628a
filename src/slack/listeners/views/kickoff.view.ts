import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { KICKOFF_CALLBACK, KICKOFF_FIELDS } from "../../views/kickoff-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import {
  readSuggestionMetadata,
  SUGGEST_CALLBACK,
  suggestionRows,
} from "../../views/suggest-milestones-modal.view.js";
import { formListener } from "./form-listener.js";
import { viewErrors } from "./view-errors.js";

const ROW_FIELDS = Array.from({ length: 8 }, (_, i) => [`title_${i}`, `due_${i}`]).flat();

/** The kickoff forms: checked before they close, each refusal shown beside its field. */
export function registerKickoffViews(app: App, services: Services, logger: Logger): void {
  // The answers set the roadmap's goal (and maybe an offer): both Homes show them at once.
  app.view(
    KICKOFF_CALLBACK,
    formListener(services, logger, {
      fields: KICKOFF_FIELDS,
      fallback: "aspiration",
      submit: async (userId, view) => {
        const value = (field: string) => fieldValue(view.state.values, field);
        const kickoff = await services.kickoffRoadmap.saveAnswers(userId, view.private_metadata, {
          aspiration: value("aspiration"),
          targetDate: value("targetDate"),
          skills: value("skills"),
          challenges: value("challenges"),
          support: value("support"),
          offer: value("offer"),
        });
        return [kickoff.mentorId, kickoff.menteeId];
      },
    }),
  );

  app.view(SUGGEST_CALLBACK, async ({ ack, body, view }) => {
    const { kickoffId, templateId } = readSuggestionMetadata(view.private_metadata);
    try {
      await services.kickoffRoadmap.saveSuggestion(
        body.user.id,
        kickoffId,
        templateId,
        suggestionRows(view.state.values),
      );
    } catch (error) {
      await ack(viewErrors(error, "title_0", ROW_FIELDS, logger));
      return;
    }
    await ack();
  });
}
