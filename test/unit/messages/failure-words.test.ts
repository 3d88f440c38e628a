import { describe, expect, it } from "vitest";
import type { FailedWorkFor } from "../../../src/domain/failed-work.js";
import { failuresMessage } from "../../../src/slack/messages/failures.messages.js";

const failed = (reason: string, name = "celebrations.post"): FailedWorkFor => ({
  queue: "q",
  name,
  jobId: `${name}|1`,
  data: {},
  reason,
  attempts: 1,
  failedAt: new Date("2027-03-01T10:00:00Z"),
  people: ["UMENTEE0001"],
});

const report = (reason: string, name?: string) => failuresMessage([failed(reason, name)]).text;

// A job stops at Slack's first permanent refusal: the report must not promise a retry helps.
describe("/mentor failures, for a message Slack refused for good", () => {
  it("says a message too long for one Slack message is our fault, and that trying again won't help", () => {
    const said = report("Slack refused: msg_blocks_too_long");
    expect(said).toContain("too long for one Slack message");
    expect(said).toContain("a fault on our side: please report it");
    expect(said).toContain("Trying again won't help");
    expect(said).not.toContain("Ask them to try again");
    expect(said).not.toContain("msg_blocks_too_long");
  });

  it("never asks for a retry Slack would refuse again, whatever its code", () => {
    for (const code of [
      "invalid_arguments",
      "restricted_action",
      "ekm_access_denied",
      "messages_tab_disabled",
      "user_disabled",
      "some_code_slack_adds_later",
    ]) {
      const said = report(`Slack refused: ${code}`);
      expect(said, code).not.toContain("Ask them to try again");
      expect(said, code).not.toContain("something went wrong on my side");
      expect(said, code).not.toContain(code);
    }
  });

  it("says account_inactive may be the recipient's account or the app's own, as Slack's docs give it", () => {
    const said = report("Slack refused: account_inactive", "feedback.prompt");
    expect(said).toContain("an account is deactivated: that person's (nothing needs doing)");
    expect(said).toContain(
      "if every message fails this way, the app's own token or workspace (reinstall the app).",
    );
    expect(said).not.toContain("Ask them to try again");
  });

  it("asks for a retry where only time was in the way, or the failure was not Slack's word", () => {
    expect(report("Slack refused: message_limit_exceeded")).toContain("Ask them to try again");
    expect(report("Error: connect ECONNREFUSED")).toContain(
      "something went wrong on my side (the details are in the logs). Ask them to try again.",
    );
  });
});

describe("/mentor failures, for periodic work Slack refused", () => {
  it("says it runs again without claiming Slack would refuse it again", () => {
    const said = report("Slack refused: invalid_cursor", "people.refresh");
    expect(said).toContain(
      "Slack refused it (the details are in the logs). It runs again on its own.",
    );
    expect(said).not.toContain("would refuse it again");
  });
});
