/**
 * Every Slack app manifest in manifests/ must be accepted by Slack's own JSON schema
 * (slackapi/manifest-schema, vendored in test/fixtures/slack) and must configure what the bot relies on.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const MANIFESTS_DIR = new URL("../../manifests/", import.meta.url);
// Vendored with its provenance in test/fixtures/slack/PROVENANCE.md.
const SCHEMA_DIR = new URL("../fixtures/slack/manifest/slackapi-manifest-schema/", import.meta.url);
// manifest.schema.json $refs the versioned schemas by these URLs; we serve them from SCHEMA_DIR.
const SCHEMA_REF_BASE =
  "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";
const VERSIONED_SCHEMAS = ["manifest.schema.1.0.0.json", "manifest.schema.2.0.0.json"];

const EVENTS_PATH = "/slack/events";
// channels:join: joining a public celebration channel (issue 6); mpim:write: introductions' group DMs;
// files:write: the CSV export and `/mentor my data` (issue 9).
// *:history: conversations.history, to find a message a crashed worker sent before re-sending it
// (groups:history: in a private celebration channel).
// im:history: the message.im events of the Messages tab, answered with a pointer to the commands.
const REQUIRED_BOT_SCOPES = [
  "channels:history",
  "channels:join",
  "chat:write",
  "commands",
  "files:write",
  "groups:history",
  "im:history",
  "im:write",
  "mpim:history",
  "mpim:write",
  "users:read",
];

// ajv-formats is CommonJS: under NodeNext the default import is typed as module.exports,
// whose `default` property is the plugin itself (it is also set at runtime).
const addFormats = addFormatsModule.default;

interface SlashCommand {
  command: string;
  url?: string;
  should_escape?: boolean;
}

interface Manifest {
  display_information: { name: string };
  features?: { slash_commands?: SlashCommand[]; app_home?: { messages_tab_enabled?: boolean } };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled?: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
}

function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, "utf8"));
}

function loadManifest(file: string): Manifest {
  const text = readFileSync(new URL(file, MANIFESTS_DIR), "utf8");
  return (file.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as Manifest;
}

const manifestFiles = readdirSync(MANIFESTS_DIR)
  .filter((file) => /\.(json|ya?ml)$/.test(file))
  .sort();

function createManifestValidator(): ValidateFunction {
  // The slackapi schemas declare "$schema": "http://json-schema.org/draft-07/schema#",
  // which is what the default Ajv class implements.
  // strictTypes is off because Slack's schema omits `type` next to some keywords (Ajv would only
  // log warnings about the schema itself); unknown keywords still throw (strictSchema).
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  // Non-standard keywords used by Slack's schema (Ajv's strict mode rejects unknown keywords):
  // `_note` is a maintainer comment, so register it as a no-op annotation.
  ajv.addKeyword({ keyword: "_note", schemaType: "string" });
  // `regex` is used like `pattern` (e.g. display_information.background_color must be a hex
  // colour). Slack's API enforces it, so enforce it here too rather than ignore it.
  ajv.addKeyword({
    keyword: "regex",
    type: "string",
    schemaType: "string",
    validate: (regex: string, data: string) => new RegExp(regex, "u").test(data),
  });

  for (const file of VERSIONED_SCHEMAS) {
    ajv.addSchema(readJson(new URL(file, SCHEMA_DIR)) as object, `${SCHEMA_REF_BASE}${file}`);
  }
  return ajv.compile(readJson(new URL("manifest.schema.json", SCHEMA_DIR)) as object);
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return JSON.stringify(errors ?? [], null, 2);
}

describe("Slack app manifests", () => {
  let validate: ValidateFunction;

  beforeAll(() => {
    validate = createManifestValidator();
  });

  it("ships an HTTP and a Socket Mode manifest", () => {
    expect(manifestFiles).toEqual(
      expect.arrayContaining(["manifest.http.json", "manifest.socket.json"]),
    );
  });

  describe.each(manifestFiles)("%s", (file) => {
    const manifest = loadManifest(file);

    it("is accepted by Slack's manifest schema", () => {
      const valid = validate(manifest);
      expect(valid, `Ajv errors for ${file}:\n${formatErrors(validate.errors)}`).toBe(true);
    });

    it("defines /mentor with should_escape so mentions arrive as <@U123|name>", () => {
      const mentor = manifest.features?.slash_commands?.find((c) => c.command === "/mentor");
      expect(mentor).toBeDefined();
      expect(mentor?.should_escape).toBe(true);
    });

    it("requests exactly the bot scopes the code uses", () => {
      const scopes = [...(manifest.oauth_config?.scopes?.bot ?? [])].sort();
      expect(scopes).toEqual([...REQUIRED_BOT_SCOPES].sort());
    });

    it("subscribes to app_home_opened so the Home tab can be rendered", () => {
      expect(manifest.settings?.event_subscriptions?.bot_events).toContain("app_home_opened");
    });

    it("subscribes to user_change so people who leave get no more DMs", () => {
      expect(manifest.settings?.event_subscriptions?.bot_events).toContain("user_change");
    });

    it("hears messages in its open Messages tab (message.im, im:history), to answer them", () => {
      expect(manifest.features?.app_home?.messages_tab_enabled).toBe(true);
      expect(manifest.settings?.event_subscriptions?.bot_events).toContain("message.im");
      expect(manifest.oauth_config?.scopes?.bot).toContain("im:history");
    });

    it("enables interactivity for buttons and modals", () => {
      expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    });
  });

  describe("manifest.http.json", () => {
    const manifest = loadManifest("manifest.http.json");

    it("sends events, commands and interactivity to /slack/events", () => {
      const urls = [
        manifest.settings?.event_subscriptions?.request_url,
        manifest.settings?.interactivity?.request_url,
        ...(manifest.features?.slash_commands ?? []).map((c) => c.url),
      ];
      expect(urls.length).toBeGreaterThanOrEqual(3);
      for (const url of urls) {
        expect(url, `request URL ${String(url)}`).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
        expect(new URL(url ?? "").pathname).toBe(EVENTS_PATH);
      }
    });

    it("does not enable Socket Mode (Slack would stop sending HTTP requests)", () => {
      expect(manifest.settings?.socket_mode_enabled ?? false).toBe(false);
    });
  });

  describe("manifest.socket.json", () => {
    const manifest = loadManifest("manifest.socket.json");

    it("enables Socket Mode", () => {
      expect(manifest.settings?.socket_mode_enabled).toBe(true);
    });
  });

  describe("the validator itself", () => {
    it("accepts Slack's own example manifest", () => {
      const example = readJson(
        new URL("../examples/slackapi-manifest-schema-v1.valid.json", SCHEMA_DIR),
      );
      expect(validate(example), formatErrors(validate.errors)).toBe(true);
    });

    // Loosely typed view of a manifest, so the tests can break it on purpose.
    interface EditableManifest {
      display_information: Record<string, unknown>;
      oauth_config: { scopes: Record<string, unknown> };
    }

    function invalidCopy(mutate: (m: EditableManifest) => void): unknown {
      const copy = structuredClone(loadManifest("manifest.http.json")) as unknown;
      mutate(copy as EditableManifest);
      return copy;
    }

    it("rejects display_information without a name", () => {
      const manifest = invalidCopy((m) => {
        delete m.display_information.name;
      });
      expect(validate(manifest)).toBe(false);
      expect(validate.errors).toContainEqual(
        expect.objectContaining({
          instancePath: "/display_information",
          params: { missingProperty: "name" },
        }),
      );
    });

    it("rejects bot scopes that are not an array", () => {
      const manifest = invalidCopy((m) => {
        m.oauth_config.scopes.bot = "chat:write,commands";
      });
      expect(validate(manifest)).toBe(false);
      expect(validate.errors).toContainEqual(
        expect.objectContaining({ instancePath: "/oauth_config/scopes/bot", keyword: "type" }),
      );
    });

    it("rejects a background_color that is not a hex colour (custom `regex` keyword)", () => {
      const manifest = invalidCopy((m) => {
        m.display_information.background_color = "green";
      });
      expect(validate(manifest)).toBe(false);
      expect(validate.errors).toContainEqual(
        expect.objectContaining({
          instancePath: "/display_information/background_color",
          keyword: "regex",
        }),
      );
    });
  });
});
