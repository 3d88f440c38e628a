import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
// @slack/web-api is not a direct dependency; Bolt re-exports it.
import { App, webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SlackDouble } from "../support/slack-double.js";
import { SlackRequests, signSlackRequest } from "../support/slack-requests.js";

const SIGNING_SECRET = "test-signing-secret";
// Slack's own material, vendored with its provenance in test/fixtures/slack/PROVENANCE.md.
const SKELETONS = new URL("../fixtures/slack/payloads/java-sdk-shape-skeletons/", import.meta.url);

function skeletonKeys(name: string): string[] {
  return Object.keys(JSON.parse(readFileSync(new URL(`${name}.json`, SKELETONS), "utf8")));
}

let double: SlackDouble;
beforeAll(async () => {
  double = await SlackDouble.start();
});
afterAll(() => double.close());
afterEach(() => double.reset());

function client(options: { rejectRateLimitedCalls?: boolean } = {}) {
  return new webApi.WebClient("xoxb-test-token", {
    slackApiUrl: double.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
    ...options,
  });
}

describe("SlackDouble with a real WebClient", () => {
  it("records chat.postMessage with decoded blocks and answers with increasing ts", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Hi*" } }];
    const first = await client().chat.postMessage({ channel: "U1", text: "Hi", blocks });
    const second = await client().chat.postMessage({ channel: "DU1", text: "Again" });

    expect(first.channel).toBe("DU1");
    expect(first.message?.text).toBe("Hi");
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const [call] = double.calls("chat.postMessage");
    expect(call?.params).toMatchObject({ channel: "U1", text: "Hi", blocks });
    expect(call?.authenticated).toBe(true);
    expect(call?.params).not.toHaveProperty("token");
    expect(double.dmsTo("U1")).toHaveLength(2);
  });

  it("answers users.info from the directory and user_not_found otherwise", async () => {
    double.addUser({ id: "U1", name: "ada", realName: "Ada Lovelace", tz: "Europe/London" });
    const info = await client().users.info({ user: "U1" });
    expect(info.user).toMatchObject({ id: "U1", name: "ada", real_name: "Ada Lovelace" });
    expect(info.user?.tz).toBe("Europe/London");

    await expect(client().users.info({ user: "U404" })).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error: "user_not_found" },
    });
  });

  it("pages users.list with next_cursor, deactivated members included, like Slack", async () => {
    double.resetAll();
    for (const id of ["UL1", "UL2", "UL3"]) double.addUser({ id, tz: "Asia/Kolkata" });
    double.addUser({ id: "UL4", deleted: true });
    const first = await client().users.list({ limit: 3 });
    expect(first.members?.map((m) => m.id)).toEqual(["UL1", "UL2", "UL3"]);
    expect(first.members?.[0]?.tz).toBe("Asia/Kolkata");
    const cursor = first.response_metadata?.next_cursor ?? "";
    expect(cursor).not.toBe("");
    const last = await client().users.list({ limit: 3, cursor });
    expect(last.members?.map((m) => [m.id, m.deleted])).toEqual([["UL4", true]]);
    expect(last.response_metadata?.next_cursor).toBe("");

    await expect(client().users.list({ cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({
      data: { ok: false, error: "invalid_cursor" },
    });
  });

  it("opens stable DM and mpim channels", async () => {
    const dm = await client().conversations.open({ users: "U1" });
    const mpim = await client().conversations.open({ users: "U1,U2" });
    const again = await client().conversations.open({ users: "U2,U1" });
    expect(dm.channel?.id).toBe(double.dmChannelId("U1"));
    expect(mpim.channel?.id).toMatch(/^G/);
    expect(again.channel?.id).toBe(mpim.channel?.id);
  });

  it("echoes views with a generated id", async () => {
    const view = { type: "home" as const, blocks: [], callback_id: "home" };
    const res = await client().views.publish({ user_id: "U1", view });
    expect(res.view?.id).toMatch(/^V/);
    expect(res.view?.callback_id).toBe("home");
    expect(double.lastView("views.publish")).toEqual(view);
  });

  it("answers unknown methods like Slack", async () => {
    await expect(client().apiCall("nope.nope")).rejects.toMatchObject({
      data: { ok: false, error: "unknown_method" },
    });
  });

  it("surfaces a scripted 429 as a rate-limit error", async () => {
    double.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 7 });
    await expect(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: "C1", text: "x" }),
    ).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(double.calls("chat.postMessage")[0]?.failed).toEqual({
      status: 429,
      error: "ratelimited",
    });
  });

  it("fails a scripted 503 once, then succeeds", async () => {
    double.failNext("chat.postMessage", { status: 503 });
    await expect(client().chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 503,
    });
    await expect(client().chat.postMessage({ channel: "C1", text: "x" })).resolves.toMatchObject({
      ok: true,
    });
    expect(double.calls("chat.postMessage").map((c) => Boolean(c.failed))).toEqual([true, false]);
  });

  it("scripts { ok: false, error } answers", async () => {
    double.failNext("conversations.join", { error: "channel_not_found" }, 2);
    const web = client();
    for (let i = 0; i < 2; i++) {
      await expect(web.conversations.join({ channel: "C1" })).rejects.toMatchObject({
        data: { error: "channel_not_found" },
      });
    }
    await expect(web.conversations.join({ channel: "C1" })).resolves.toMatchObject({ ok: true });
  });

  it("waitFor resolves on a later call and its timeout names the methods called", async () => {
    const waiting = double.waitFor("chat.postMessage", (c) => c.params.text === "later");
    await client().chat.postMessage({ channel: "C1", text: "later" });
    await expect(waiting).resolves.toMatchObject({ params: { text: "later" } });

    await client().auth.test();
    await expect(double.waitFor("views.open", undefined, 50)).rejects.toThrow(
      /auth\.test.*chat\.postMessage|chat\.postMessage.*auth\.test/,
    );
  });
});

/** Stands in for the app: records what SlackRequests sends. */
interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

describe("SlackDouble message history (conversations.history)", () => {
  const tagged = (key: string) => ({ event_type: "mentorship_delivery", event_payload: { key } });

  it("answers newest first, with metadata only when include_all_metadata is set", async () => {
    const c = client();
    const first = await c.chat.postMessage({ channel: "U1", text: "one", metadata: tagged("k1") });
    await c.chat.postMessage({ channel: "U1", text: "two", metadata: tagged("k2") });
    await c.chat.postMessage({ channel: "U2", text: "elsewhere" });

    const plain = await c.conversations.history({ channel: "DU1" });
    expect(plain.messages?.map((m) => m.text)).toEqual(["two", "one"]);
    expect(plain.messages?.[0]).not.toHaveProperty("metadata");
    expect(plain.has_more).toBe(false);

    const full = await c.conversations.history({ channel: "DU1", include_all_metadata: true });
    expect(full.messages?.map((m) => m.metadata?.event_payload)).toEqual([
      { key: "k2" },
      { key: "k1" },
    ]);
    expect(full.messages?.[1]?.ts).toBe(first.ts);
  });

  it("bounds by oldest and latest (exclusive unless inclusive) and pages with limit", async () => {
    const c = client();
    const ts: string[] = [];
    for (const text of ["a", "b", "c", "d"]) {
      ts.push(String((await c.chat.postMessage({ channel: "DU1", text })).ts));
    }
    const after = await c.conversations.history({ channel: "DU1", oldest: ts[1] });
    expect(after.messages?.map((m) => m.text)).toEqual(["d", "c"]);
    const between = await c.conversations.history({
      channel: "DU1",
      oldest: ts[1],
      latest: ts[3],
      inclusive: true,
    });
    expect(between.messages?.map((m) => m.text)).toEqual(["d", "c", "b"]);

    const page1 = await c.conversations.history({ channel: "DU1", limit: 3 });
    expect(page1.messages?.map((m) => m.text)).toEqual(["d", "c", "b"]);
    expect(page1.has_more).toBe(true);
    const page2 = await c.conversations.history({
      channel: "DU1",
      limit: 3,
      cursor: page1.response_metadata?.next_cursor ?? "",
    });
    expect(page2.messages?.map((m) => m.text)).toEqual(["a"]);
    expect(page2.has_more).toBe(false);
  });

  it("refuses malformed metadata and unknown channels like Slack", async () => {
    const c = client();
    await expect(
      c.chat.postMessage({
        channel: "DU1",
        text: "x",
        metadata: { event_type: "", event_payload: {} },
      }),
    ).rejects.toMatchObject({ data: { error: "invalid_metadata_format" } });
    await expect(c.conversations.history({ channel: "nope" })).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
  });

  it("holds the answer of an accepted message until released", async () => {
    const held = double.holdAccepted("chat.postMessage");
    const posting = client().chat.postMessage({ channel: "DU1", text: "held" });
    const release = await held;
    // Slack has the message, the sender has no answer yet: the crash window.
    const seen = await client().conversations.history({ channel: "DU1" });
    expect(seen.messages?.map((m) => m.text)).toEqual(["held"]);
    release();
    expect((await posting).ok).toBe(true);
  });

  it("keeps a conversation's messages when only the calls are forgotten, as Slack would", async () => {
    const c = client();
    await c.chat.postMessage({ channel: "U1", text: "week one", metadata: tagged("k1") });

    double.forgetCalls();
    expect(double.calls()).toEqual([]);
    const kept = await c.conversations.history({ channel: "DU1", include_all_metadata: true });
    expect(kept.messages?.map((m) => m.metadata?.event_payload)).toEqual([{ key: "k1" }]);

    double.reset();
    const gone = await c.conversations.history({ channel: "DU1" });
    expect(gone.messages).toEqual([]);
  });
});

describe("SlackRequests payload shapes", () => {
  let server: Server;
  let captured: Captured | undefined;
  let requests: SlackRequests;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        captured = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    requests = new SlackRequests({
      appUrl: `http://127.0.0.1:${port}`,
      signingSecret: SIGNING_SECRET,
      double,
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function last(): Captured {
    if (!captured) throw new Error("nothing captured");
    const timestamp = Number(captured.headers["x-slack-request-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(captured.headers["x-slack-signature"]).toBe(
      signSlackRequest(SIGNING_SECRET, timestamp, captured.body),
    );
    return captured;
  }

  function interactionPayload(): Record<string, unknown> {
    const form = new URLSearchParams(last().body);
    return JSON.parse(form.get("payload") ?? "{}") as Record<string, unknown>;
  }

  function missing(keys: string[], actual: object, exceptions: Record<string, string>) {
    return keys.filter((k) => !(k in actual) && !(k in exceptions));
  }

  it("slash command form has every SlashCommandPayload field", async () => {
    const sent = await requests.command("U1", "status");
    const form = Object.fromEntries(new URLSearchParams(last().body));
    expect(last().headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const exceptions = {
      enterprise_id: "only sent by Enterprise Grid workspaces",
      enterprise_name: "only sent by Enterprise Grid workspaces",
    };
    expect(missing(skeletonKeys("SlashCommandPayload"), form, exceptions)).toEqual([]);
    expect(form).toMatchObject({
      command: "/mentor",
      text: "status",
      response_url: sent.responseUrl,
    });
  });

  it("block_actions payload has every BlockActionPayload top-level key", async () => {
    const sent = await requests.blockAction("U1", {
      actionId: "checkin_done",
      value: "m1",
      message: { ts: "1700000000.000100", channelId: "DU1" },
    });
    const payload = interactionPayload();
    const exceptions = {
      view: "only for actions inside a modal or the home tab",
      app_unfurl: "only for actions in app unfurls",
      bot_access_token: "only in workflow custom-function contexts",
      function_data: "only in workflow custom-function contexts",
      interactivity: "only in workflow custom-function contexts",
    };
    expect(missing(skeletonKeys("BlockActionPayload"), payload, exceptions)).toEqual([]);
    expect(payload.response_url).toBe(sent.responseUrl);
    expect(payload.actions).toEqual([
      expect.objectContaining({ type: "button", action_id: "checkin_done", value: "m1" }),
    ]);
  });

  it("view_submission payload has every ViewSubmissionPayload top-level key", async () => {
    await requests.viewSubmission("U1", {
      callbackId: "goal_modal",
      values: { goal: { goal_input: { type: "plain_text_input", value: "Ship it" } } },
    });
    const payload = interactionPayload();
    const exceptions = {
      is_cleared: "only sent with view_closed",
      bot_access_token: "only in workflow custom-function contexts",
      function_data: "only in workflow custom-function contexts",
      interactivity: "only in workflow custom-function contexts",
    };
    expect(missing(skeletonKeys("ViewSubmissionPayload"), payload, exceptions)).toEqual([]);
    expect(payload.view).toMatchObject({ callback_id: "goal_modal", state: { values: {} } });
  });

  it("event envelope has every AppHomeOpenedPayload top-level key and retry headers", async () => {
    await requests.event(
      { type: "app_home_opened", user: "U1", channel: "DU1", tab: "home" },
      { retryNum: 1, retryReason: "http_timeout" },
    );
    const envelope = JSON.parse(last().body) as Record<string, unknown>;
    const exceptions = {
      enterprise_id: "only sent by Enterprise Grid workspaces",
      authed_users: "deprecated; Slack sends authorizations instead",
      authed_teams: "deprecated; Slack sends authorizations instead",
    };
    expect(missing(skeletonKeys("AppHomeOpenedPayload"), envelope, exceptions)).toEqual([]);
    expect(last().headers["x-slack-retry-num"]).toBe("1");
    expect(last().headers["x-slack-retry-reason"]).toBe("http_timeout");
  });
});

describe("SlackRequests against a real Bolt app", () => {
  it("Bolt accepts the signed requests and respond() reaches the double", async () => {
    const app = new App({
      token: "xoxb-test-token",
      signingSecret: SIGNING_SECRET,
      clientOptions: { slackApiUrl: double.apiUrl },
      logLevel: webApi.LogLevel.ERROR,
    });
    app.command("/mentor", async ({ ack, respond, command }) => {
      await ack();
      await respond({ text: `got ${command.text}` });
    });
    app.view("goal_modal", async ({ ack }) => {
      await ack({ response_action: "errors", errors: { goal: "Too short" } });
    });
    const server = (await app.start(0)) as Server;
    try {
      const { port } = server.address() as AddressInfo;
      const requests = new SlackRequests({
        appUrl: `http://127.0.0.1:${port}`,
        signingSecret: SIGNING_SECRET,
        double,
      });

      const sent = await requests.command("U1", "hello");
      expect(sent.status).toBe(200);
      await expect(double.waitForResponse(sent.responseUrl)).resolves.toMatchObject({
        text: "got hello",
      });

      const submitted = await requests.viewSubmission("U1", {
        callbackId: "goal_modal",
        values: { goal: { value: { type: "plain_text_input", value: "x" } } },
      });
      expect(submitted.json).toEqual({ response_action: "errors", errors: { goal: "Too short" } });

      const forged = await requests.raw("token=x", {
        "Content-Type": "application/x-www-form-urlencoded",
        ...requests.signedHeaders("token=y"),
      });
      expect(forged.status).toBe(401);
    } finally {
      await app.stop();
    }
  });

  it("fails a view_submission whose ack Slack would refuse: errors off the inputs, or a bad view", async () => {
    const form = {
      type: "modal" as const,
      callback_id: "goal_modal",
      title: { type: "plain_text" as const, text: "Goal" },
      submit: { type: "plain_text" as const, text: "Save" },
      blocks: [
        { type: "section", block_id: "why", text: { type: "mrkdwn", text: "Why" } },
        {
          type: "input",
          block_id: "goal",
          label: { type: "plain_text", text: "Goal" },
          element: { type: "plain_text_input", action_id: "value" },
        },
      ],
    };
    let answer: Record<string, unknown> = {};
    const app = new App({
      token: "xoxb-test-token",
      signingSecret: SIGNING_SECRET,
      clientOptions: { slackApiUrl: double.apiUrl },
      logLevel: webApi.LogLevel.ERROR,
    });
    app.view("goal_modal", async ({ ack }) => {
      await ack(answer as never);
    });
    const server = (await app.start(0)) as Server;
    try {
      const { port } = server.address() as AddressInfo;
      const requests = new SlackRequests({
        appUrl: `http://127.0.0.1:${port}`,
        signingSecret: SIGNING_SECRET,
        double,
      });
      await client().views.open({ trigger_id: "t1", view: form as never });
      const submit = () => requests.viewSubmission("U1", { callbackId: "goal_modal", values: {} });

      answer = { response_action: "errors", errors: { goal: "Too short" } };
      await expect(submit()).resolves.toMatchObject({ json: answer });
      answer = { response_action: "errors", errors: { why: "Not an input" } };
      await expect(submit()).rejects.toThrow(/no input block with block_id why/);
      answer = { response_action: "update", view: { ...form, title: undefined } };
      await expect(submit()).rejects.toThrow(/must provide a title/);
      answer = { response_action: "push", view: { type: "home", blocks: [] } };
      await expect(submit()).rejects.toThrow(/must be one of: modal/);
    } finally {
      await app.stop();
    }
  });

  describe("files upload", () => {
    it("takes WebClient's own uploadV2 flow and shares the bytes in the channel", async () => {
      await client().files.uploadV2({
        channel_id: "DU1",
        file: Buffer.from("a,b\r\n1,2\r\n"),
        filename: "numbers.csv",
        title: "Numbers",
        initial_comment: "Here you are",
      });
      const [shared] = double.sharedFiles("DU1");
      expect(shared).toMatchObject({
        filename: "numbers.csv",
        title: "Numbers",
        length: 10,
        initialComment: "Here you are",
      });
      expect(shared?.content.toString("utf8")).toBe("a,b\r\n1,2\r\n");
      expect(double.calls("files.getUploadURLExternal")[0]?.response).toMatchObject({
        ok: true,
        upload_url: expect.stringContaining("/upload/v1/F"),
        file_id: expect.stringMatching(/^F/),
      });
    });

    it("refuses a missing filename or length with invalid_arguments, as Slack does", async () => {
      const call = (args: Record<string, unknown>) =>
        client()
          .apiCall("files.getUploadURLExternal", args)
          .catch((e) => e.data);
      expect(await call({ length: 10 })).toMatchObject({ ok: false, error: "invalid_arguments" });
      expect(await call({ filename: "a.csv" })).toMatchObject({ error: "invalid_arguments" });
      expect(await call({ filename: "a.csv", length: "ten" })).toMatchObject({
        error: "invalid_arguments",
      });
    });

    it("refuses to complete an unknown or never uploaded file with file_not_found", async () => {
      const unknown = await client()
        .files.completeUploadExternal({ files: [{ id: "F404" }], channel_id: "DU1" })
        .catch((e) => e.data);
      expect(unknown).toMatchObject({ ok: false, error: "file_not_found" });
      const url = await client().files.getUploadURLExternal({ filename: "a.csv", length: 3 });
      const empty = await client()
        .files.completeUploadExternal({ files: [{ id: String(url.file_id) }] })
        .catch((e) => e.data);
      expect(empty).toMatchObject({ ok: false, error: "file_not_found" });
      expect(double.sharedFiles()).toEqual([]);
    });
  });
});
