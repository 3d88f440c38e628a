import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signSlackRequest } from "../support/slack-requests.js";

// Slack's own material, vendored with its provenance in test/fixtures/slack/PROVENANCE.md.
const SIGNING_DIR = new URL("../fixtures/slack/signing/", import.meta.url);

interface TestVector {
  signing_secret: string;
  x_slack_request_timestamp: number;
  body_file: string;
  expected_x_slack_signature: string;
}

const vector = JSON.parse(
  readFileSync(new URL("slack-docs-signature-test-vector.json", SIGNING_DIR), "utf8"),
) as TestVector;
// Read the body byte-exact from its own file: a trailing newline would change the signature.
const body = readFileSync(new URL(vector.body_file, SIGNING_DIR), "utf8");

describe("signSlackRequest", () => {
  it("matches Slack's official test vector", () => {
    const signature = signSlackRequest(
      vector.signing_secret,
      vector.x_slack_request_timestamp,
      body,
    );
    expect(signature).toBe(vector.expected_x_slack_signature);
  });

  it("does not match when the body is tampered with", () => {
    const tampered = body.replace("text=", "text=%2Fadmin");
    expect(tampered).not.toBe(body);
    const signature = signSlackRequest(
      vector.signing_secret,
      vector.x_slack_request_timestamp,
      tampered,
    );
    expect(signature).not.toBe(vector.expected_x_slack_signature);
  });

  it("does not match with another timestamp", () => {
    const signature = signSlackRequest(
      vector.signing_secret,
      vector.x_slack_request_timestamp + 1,
      body,
    );
    expect(signature).not.toBe(vector.expected_x_slack_signature);
  });
});
