import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import { DomainError } from "../../../src/domain/errors.js";
import { parseMentorCommand } from "../../../src/slack/commands/slash-command.parser.js";
import { giveFeedbackButton } from "../../../src/slack/listeners/actions/feedback.actions.js";
import {
  keepMilestoneButton,
  removeMilestoneButton,
} from "../../../src/slack/listeners/actions/milestone-remove.actions.js";
import {
  type SlashCommandArgs,
  slashCommandListener,
} from "../../../src/slack/listeners/commands/slash-command.listener.js";
import type { ButtonArgs } from "../../../src/slack/listeners/interactions/button-listener.js";
import { feedbackForm } from "../../../src/slack/listeners/views/feedback-submit.view.js";
import type { FormArgs } from "../../../src/slack/listeners/views/form-listener.js";
import type { Services } from "../../../src/slack/services.js";

// Listeners are plain functions of Bolt's arguments: these call them with
// stand-ins for ack/respond/client, no App, no HTTP, no Slack double.
const logger = pino({ level: "silent" });

function buttonArgs(value: string) {
  const respond = vi.fn(async (_message: unknown) => undefined);
  const ack = vi.fn(async () => undefined);
  const views = { open: vi.fn(async (_args: unknown) => ({ ok: true })) };
  const args = {
    ack,
    respond,
    body: { user: { id: "U_MENTEE" }, trigger_id: "trigger-1" },
    action: { value },
    client: { views },
  } as unknown as ButtonArgs;
  return { args, ack, respond, views };
}

function commandArgs(text: string) {
  const respond = vi.fn(async (_message: unknown) => undefined);
  const ack = vi.fn(async (_message?: unknown) => undefined);
  const args = {
    ack,
    respond,
    command: { user_id: "U_MENTEE", text, trigger_id: "trigger-1" },
    client: { views: { open: vi.fn() } },
  } as unknown as SlashCommandArgs;
  return { args, ack, respond };
}

const services = (overrides: Record<string, unknown>) =>
  ({ commandTimer: () => () => undefined, ...overrides }) as unknown as Services;

describe("slash command listener", () => {
  it("answers `/mentor help` ephemerally in the ack, with the help for a non-admin", async () => {
    const isAdmin = vi.fn(async () => false);
    const listener = slashCommandListener(
      "/mentor",
      parseMentorCommand,
      services({ admin: { isAdmin } }),
      logger,
    );
    const { args, ack, respond } = commandArgs("help");
    await listener(args);
    expect(ack).toHaveBeenCalledOnce();
    expect(respond).not.toHaveBeenCalled();
    const reply = ack.mock.calls[0]?.[0] as { response_type: string; text: string };
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("/mentor pair");
    expect(reply.text).not.toContain("/mentor admins");
    expect(isAdmin).toHaveBeenCalledWith("U_MENTEE");
  });

  it("says a refusal in words, never as an error", async () => {
    const pair = vi.fn(async () => {
      throw new DomainError("self_pairing");
    });
    const listener = slashCommandListener(
      "/mentor",
      parseMentorCommand,
      services({ pairing: { pair }, people: { knownNames: async () => new Map() } }),
      logger,
    );
    const { args, ack } = commandArgs("pair <@U0MENTEE> <@U0MENTEE>");
    await listener(args);
    expect(ack).toHaveBeenCalledWith({
      response_type: "ephemeral",
      text: "You can't pair someone with themselves. Name two different people.",
    });
  });

  it("names a mention Slack sent without a name from the profiles it knows, else 'someone'", async () => {
    const logProgress = vi.fn(async () => ({ milestone: { title: "Talk" } }));
    const knownNames = vi.fn(async () => new Map([["U0OLLY", "Olly <3"]]));
    const listener = slashCommandListener(
      "/mentor",
      parseMentorCommand,
      services({ milestoneProgress: { logProgress }, people: { knownNames } }),
      logger,
    );
    await listener(commandArgs("log 1 Talked to <@U0OLLY> and <@U0NOBODY> about it").args);
    expect(knownNames).toHaveBeenCalledWith(["U0OLLY", "U0NOBODY"]);
    expect(logProgress).toHaveBeenCalledWith(
      "U_MENTEE",
      {},
      1,
      "Talked to @Olly <3 and someone about it",
    );
  });

  it("a nameless mention named from a profile with spaces still picks the person", async () => {
    const knownNames = vi.fn(
      async () =>
        new Map([
          ["U0OLLY", "Olly Smith"],
          ["U0ANN", "Ann Lee"],
          ["U0BARE", "U0BARE"],
        ]),
    );
    const pair = vi.fn(async () => ({ outcome: "requested" }));
    const request = vi.fn(async () => ({ outcome: "asked" }));
    const logProgress = vi.fn(async () => ({ milestone: { title: "Talk" } }));
    const listener = slashCommandListener(
      "/mentor",
      parseMentorCommand,
      services({
        pairing: { pair },
        feedback: { request },
        milestoneProgress: { logProgress },
        people: { knownNames },
      }),
      logger,
    );
    await listener(commandArgs("pair <@U0OLLY> <@U0ANN>").args);
    expect(pair).toHaveBeenCalledWith("U_MENTEE", "U0OLLY", "U0ANN");
    await listener(commandArgs("feedback Demo day from <@U0OLLY>").args);
    expect(request).toHaveBeenCalledWith(
      "U_MENTEE",
      expect.objectContaining({ topic: "Demo day", fromId: "U0OLLY" }),
    );
    await listener(commandArgs("log 1 Met <@U0BARE> (and <@U0ANN>)").args);
    expect(logProgress).toHaveBeenCalledWith("U_MENTEE", {}, 1, "Met someone (and @Ann Lee)");
  });
});

describe("button listeners", () => {
  it("Remove replaces the confirmation with what was removed", async () => {
    const removeMilestone = vi.fn(async () => ({ title: "Pass the *AWS* exam" }));
    const listener = removeMilestoneButton(services({ roadmap: { removeMilestone } }), logger);
    const { args, ack, respond } = buttonArgs("milestone-7");
    await listener(args);
    expect(ack).toHaveBeenCalledOnce();
    expect(removeMilestone).toHaveBeenCalledWith("U_MENTEE", "milestone-7");
    const reply = respond.mock.calls[0]?.[0] as { replace_original: boolean; text: string };
    expect(reply.replace_original).toBe(true);
    expect(reply.text).toContain("Removed the milestone");
    expect(reply.text).toContain("renumbered");
  });

  it("Keep it says nothing was removed", async () => {
    const { args, respond } = buttonArgs("milestone-7");
    await keepMilestoneButton(args);
    expect(respond).toHaveBeenCalledWith({
      replace_original: true,
      text: "Kept it: nothing was removed.",
    });
  });

  it("a modal button that is refused opens nothing and says why", async () => {
    const openRequest = vi.fn(async () => {
      throw new DomainError("feedback_request_closed");
    });
    const listener = giveFeedbackButton(services({ feedback: { openRequest } }), logger);
    const { args, respond, views } = buttonArgs("request-1");
    await listener(args);
    expect(views.open).not.toHaveBeenCalled();
    expect(respond).toHaveBeenCalledWith({
      response_type: "ephemeral",
      replace_original: false,
      text: "This feedback request is closed: it was cancelled or it expired.",
    });
  });

  it("a modal button opens its modal with the button's trigger", async () => {
    const openRequest = vi.fn(async () => ({ id: "r1", requesterId: "U_SAM", topic: "Demo" }));
    const listener = giveFeedbackButton(services({ feedback: { openRequest } }), logger);
    const { args, respond, views } = buttonArgs("r1");
    await listener(args);
    expect(respond).not.toHaveBeenCalled();
    const opened = views.open.mock.calls[0]?.[0] as { trigger_id: string; view: { type: string } };
    expect(opened.trigger_id).toBe("trigger-1");
    expect(opened.view.type).toBe("modal");
  });
});

describe("form listeners", () => {
  function formArgs(privateMetadata: string, values: Record<string, string>) {
    const ack = vi.fn(async (_response?: unknown) => undefined);
    const state = {
      values: Object.fromEntries(
        Object.entries(values).map(([block, value]) => [
          block,
          { value: { type: "plain_text_input", value } },
        ]),
      ),
    };
    const args = {
      ack,
      body: { user: { id: "U0MARIA" } },
      view: { id: "V1", private_metadata: privateMetadata, state },
      client: {},
    } as unknown as FormArgs;
    return { args, ack };
  }

  it("shows a refusal on the field it names and keeps the form open", async () => {
    const submit = vi.fn(async () => {
      throw new DomainError("rating_invalid", { min: 1, max: 5, field: "rating" });
    });
    const listener = feedbackForm(services({ feedback: { submit } }), logger);
    const { args, ack } = formArgs(JSON.stringify({ requestId: "r1" }), {
      wentWell: "Clear slides",
    });
    await listener(args);
    expect(ack).toHaveBeenCalledWith({
      response_action: "errors",
      errors: { rating: "A rating is a whole number from 1 to 5." },
    });
  });

  it("closes the form once the feedback is taken", async () => {
    const submit = vi.fn(async (_userId: string) => ({ giverId: "U0MARIA", recipientId: "U0SAM" }));
    const listener = feedbackForm(services({ feedback: { submit } }), logger);
    const { args, ack } = formArgs(JSON.stringify({ requestId: "r1" }), {
      wentWell: "Clear slides",
    });
    await listener(args);
    expect(ack).toHaveBeenCalledWith();
    expect(submit.mock.calls[0]?.[0]).toBe("U0MARIA");
  });
});
