import type { App, BlockButtonAction, BlockStaticSelectAction } from "@slack/bolt";
import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import { errorMessage, FORM_NOT_OPENED_MESSAGE } from "../../messages/error-messages.js";
import { KICKOFF_ACTIONS, kickoffConfirmedReply } from "../../messages/kickoff.messages.js";
import type { Services } from "../../services.js";
import { slackErrorCode } from "../../slack-errors.js";
import { kickoffModal } from "../../views/kickoff-modal.view.js";
import {
  readSuggestionMetadata,
  suggestMilestonesModal,
} from "../../views/suggest-milestones-modal.view.js";
import { modalButton } from "../interactions/button-listener.js";
import { tellActor } from "../interactions/tell-actor.js";
import { replySafely } from "../reply-safely.js";

/** The kickoff DMs' buttons, and the template select inside the suggestion form. */
export function registerKickoffActions(app: App, services: Services, logger: Logger): void {
  const modals = {
    [KICKOFF_ACTIONS.plan]: {
      what: "kickoff form",
      build: async (userId: string, value: string) => {
        const { kickoff, goal } = await services.kickoffRoadmap.answerForm(userId, value);
        return kickoffModal(kickoff, goal);
      },
    },
    [KICKOFF_ACTIONS.suggest]: {
      what: "suggest-milestones form",
      build: async (userId: string, value: string) =>
        suggestMilestonesModal(await services.kickoffRoadmap.suggestion(userId, value)),
    },
  };
  for (const [actionId, modal] of Object.entries(modals)) {
    app.action<BlockButtonAction>(actionId, modalButton(services, logger, modal.what, modal.build));
  }

  // Choosing another template fills the form's rows again from it.
  app.action<BlockStaticSelectAction>(
    KICKOFF_ACTIONS.template,
    async ({ ack, body, action, client }) => {
      await ack();
      const userId = body.user.id;
      try {
        const { kickoffId } = readSuggestionMetadata(body.view?.private_metadata ?? "");
        const draft = await services.kickoffRoadmap.suggestion(
          userId,
          kickoffId,
          action.selected_option.value,
        );
        await client.views.update({
          view_id: body.view?.id ?? "",
          ...(body.view?.hash ? { hash: body.view.hash } : {}),
          view: suggestMilestonesModal(draft),
        });
      } catch (error) {
        // Two picks in quick succession: the later one already filled the form.
        if (slackErrorCode(error) === "hash_conflict") return;
        if (!isDomainError(error))
          logger.error({ err: error, user: userId }, "template not applied");
        const text = isDomainError(error) ? errorMessage(error) : FORM_NOT_OPENED_MESSAGE;
        await tellActor(client, services.dmChannels, userId, undefined, text).catch(
          (err: unknown) => logger.warn({ err, user: userId }, "could not tell the user why"),
        );
      }
    },
  );

  app.action<BlockButtonAction>(KICKOFF_ACTIONS.confirm, async ({ ack, body, action, respond }) => {
    await ack();
    let confirmed = false;
    const reply = await replySafely(
      logger,
      { action: KICKOFF_ACTIONS.confirm, user: body.user.id },
      async () => {
        await services.kickoffRoadmap.confirm(body.user.id, action.value ?? "");
        confirmed = true;
        return kickoffConfirmedReply();
      },
    );
    // The answer replaces the question; a refusal comes as a note of its own.
    await respond({ response_type: "ephemeral", replace_original: confirmed, ...reply });
  });
}
