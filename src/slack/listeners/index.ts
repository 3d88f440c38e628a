import type { App } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import type { Services } from "../services.js";
import { registerAppHomeActions } from "./actions/app-home.actions.js";
import { registerCelebrationActions } from "./actions/celebration.actions.js";
import { registerCelebrationShareActions } from "./actions/celebration-share.actions.js";
import { registerCheckinActions } from "./actions/checkin.actions.js";
import { registerEndingActions } from "./actions/ending.actions.js";
import { registerExchangeActions } from "./actions/exchange.actions.js";
import { registerFeedbackActions } from "./actions/feedback.actions.js";
import { registerForgettingActions } from "./actions/forgetting.actions.js";
import { registerKickoffActions } from "./actions/kickoff.actions.js";
import { registerMilestoneRemoveActions } from "./actions/milestone-remove.actions.js";
import { registerPairingRequestActions } from "./actions/pairing-request.actions.js";
import { registerCommands } from "./commands/index.js";
import { registerAppHomeOpened } from "./events/app-home-opened.event.js";
import { registerDirectMessages } from "./events/direct-message.event.js";
import { registerUserChange } from "./events/user-change.event.js";
import { failOpen } from "./fail-open.js";
import { KnownInteractions } from "./interactions/known-interactions.js";
import { unknownInteractionGuard } from "./interactions/unknown-interactions.js";
import { perPersonRateLimit } from "./rate-limit.middleware.js";
import { registerCheckinProgressView } from "./views/checkin-progress.view.js";
import { registerCongratulateView } from "./views/congratulate.view.js";
import { registerExchangeViews } from "./views/exchange.view.js";
import { registerFeedbackSubmitView } from "./views/feedback-submit.view.js";
import { registerKickoffViews } from "./views/kickoff.view.js";
import { registerAddMilestoneView } from "./views/milestone-add.view.js";
import { registerLogProgressView } from "./views/progress-log.view.js";
import { registerReflectionView } from "./views/reflection.view.js";

export function registerListeners(bolt: App, services: Services, logger: Logger): void {
  // Listeners register through `app`, which notes every action and view they handle.
  const known = new KnownInteractions();
  const app = known.recording(bolt);
  // Slack redelivers events it thinks were missed; handle each event id once.
  const allowIfRedisFails = failOpen("the event de-duplicator", logger);
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (
      typeof eventId === "string" &&
      !(await allowIfRedisFails(() => services.events.firstDelivery(eventId)))
    ) {
      logger.debug({ eventId }, "duplicate event delivery dropped");
      return;
    }
    await next();
  });
  app.use(perPersonRateLimit(services.rateLimit, logger));
  app.use(unknownInteractionGuard(known, logger, services.dmChannels));
  registerDirectMessages(app, logger);
  registerCommands(app, services, logger);
  registerPairingRequestActions(app, services, logger);
  registerMilestoneRemoveActions(app, services, logger);
  registerAppHomeActions(app, services, logger);
  registerAddMilestoneView(app, services, logger);
  registerLogProgressView(app, services, logger);
  registerAppHomeOpened(app, services, logger);
  registerCheckinActions(app, services, logger);
  registerCheckinProgressView(app, services, logger);
  registerCelebrationActions(app, services, logger);
  registerCelebrationShareActions(app, services, logger);
  registerCongratulateView(app, services, logger);
  registerFeedbackActions(app, services, logger);
  registerFeedbackSubmitView(app, services, logger);
  registerEndingActions(app, services, logger);
  registerReflectionView(app, services, logger);
  registerForgettingActions(app, services, logger);
  registerUserChange(app, services, logger);
  registerKickoffActions(app, services, logger);
  registerKickoffViews(app, services, logger);
  registerExchangeActions(app, services, logger);
  registerExchangeViews(app, services, logger);
  known.mount(bolt);
}
