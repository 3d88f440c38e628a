import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadPlaygroundSettings } from "../../../src/config.js";

const bot = {
  SLACK_BOT_TOKEN: "xoxb-playground-1",
  SLACK_SIGNING_SECRET: "s",
  SLACK_API_URL: "http://127.0.0.1:3100/api/",
  PLAYGROUND: "true",
};

const problems = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("playground mode of the bot", () => {
  it("is off unless asked for", () => {
    const { PLAYGROUND: _, ...rest } = bot;
    expect(loadConfig(rest).playground).toBe(false);
    expect(loadConfig(bot).playground).toBe(true);
  });

  it("is refused in production, with a Slack URL off this machine, or in Socket Mode", () => {
    expect(problems(() => loadConfig({ ...bot, NODE_ENV: "production" }))).toEqual([
      "PLAYGROUND cannot be used with NODE_ENV=production",
    ]);
    expect(problems(() => loadConfig({ ...bot, SLACK_API_URL: "https://slack.com/api/" }))).toEqual(
      ["PLAYGROUND needs SLACK_API_URL on this machine (http://127.0.0.1:PORT/api/)"],
    );
    expect(problems(() => loadConfig({ ...bot, SLACK_APP_TOKEN: "xapp-1" }))).toEqual([
      "PLAYGROUND cannot be used with SLACK_APP_TOKEN",
    ]);
  });
});

describe("npm run playground settings", () => {
  it("defaults to port 3100 and its own database and queue prefix", () => {
    expect(loadPlaygroundSettings({})).toEqual({
      port: 3100,
      mongodbUri: "mongodb://127.0.0.1:27017/mentorship_playground",
      redisUrl: "redis://127.0.0.1:6379",
      queuePrefix: "playground",
      logLevel: "warn",
    });
  });

  it("refuses to start when real Slack credentials or production are set", () => {
    expect(
      problems(() =>
        loadPlaygroundSettings({
          SLACK_BOT_TOKEN: "xoxb-real",
          SLACK_SIGNING_SECRET: "real",
          NODE_ENV: "production",
        }),
      ),
    ).toEqual([
      "SLACK_BOT_TOKEN is set: the playground never runs with real Slack credentials",
      "SLACK_SIGNING_SECRET is set: the playground never runs with real Slack credentials",
      "NODE_ENV=production: not a playground",
    ]);
  });

  it("starts from .env.example as README's `cp .env.example .env` leaves it", () => {
    const example = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");
    const env = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(([, name, value]) => [name, value]),
    );
    expect(problems(() => loadPlaygroundSettings(env))).toEqual([]);
  });

  it("reaches only servers on this machine", () => {
    expect(
      problems(() => loadPlaygroundSettings({ REDIS_URL: "redis://cache.example.com:6379" })),
    ).toEqual(["REDIS_URL must be a redis:// URL on this machine in the playground"]);
    expect(
      loadPlaygroundSettings({ MONGODB_URI: "mongodb://localhost:27018/my_playground" }).mongodbUri,
    ).toBe("mongodb://localhost:27018/my_playground");
  });

  it("never uses the bot's own database or queues, which a shared .env names", () => {
    const settings = loadPlaygroundSettings({
      MONGODB_URI: "mongodb://127.0.0.1:27018/mentorship?directConnection=true",
      QUEUE_PREFIX: "mentorship",
    });
    expect(settings.mongodbUri).toBe(
      "mongodb://127.0.0.1:27018/mentorship_playground?directConnection=true",
    );
    expect(settings.queuePrefix).toBe("playground");
    expect(loadPlaygroundSettings({ MONGODB_URI: "mongodb://127.0.0.1" }).mongodbUri).toBe(
      "mongodb://127.0.0.1/mentorship_playground",
    );
    expect(loadPlaygroundSettings({ QUEUE_PREFIX: "playground-2" }).queuePrefix).toBe(
      "playground-2",
    );
  });
});
