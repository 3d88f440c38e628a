/**
 * Sanity checks for the files people use to deploy the bot: Dockerfile, compose.yaml
 * and .env.example. Each assertion guards something a user would notice if it broke.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const ROOT = new URL("../../", import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, ROOT), "utf8");

// ---------------------------------------------------------------- Dockerfile

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string | undefined;
  base: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (comments dropped, `\` continuations joined). */
function parseDockerfile(text: string): Stage[] {
  const logicalLines = text
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\r?\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? "").toUpperCase();
    const args = match[2] ?? "";
    if (keyword === "FROM") {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(args);
      stages.push({ base: from?.[1] ?? "", name: from?.[2], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return stages;
}

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

describe("Dockerfile", () => {
  const stages = parseDockerfile(read("Dockerfile"));
  const buildStage = stages.find((s) => s.name === "build");
  const finalStage = stages.at(-1);
  if (!buildStage || !finalStage)
    throw new Error("Dockerfile needs a `build` stage and a final stage");

  it("is a multi-stage build", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(finalStage).not.toBe(buildStage);
  });

  it("compiles TypeScript in the build stage", () => {
    expect(argsOf(buildStage, "RUN").join("\n")).toMatch(/\bnpm run build\b/);
  });

  it("installs only production dependencies in the final image", () => {
    const runs = argsOf(finalStage, "RUN").join("\n");
    expect(runs).toMatch(/\bnpm ci\b[^\n&;]*--omit=dev/);
  });

  it("copies the compiled dist/ from the build stage", () => {
    expect(argsOf(finalStage, "COPY").join("\n")).toMatch(/--from=build\b.*\/app\/dist/);
  });

  it("runs as a non-root user", () => {
    const users = argsOf(finalStage, "USER");
    expect(users.length).toBeGreaterThan(0);
    const user = (users.at(-1) ?? "").split(":")[0];
    expect(user).not.toMatch(/^(root|0)$/);
  });

  it("has a HEALTHCHECK that probes /healthz", () => {
    const healthchecks = argsOf(finalStage, "HEALTHCHECK");
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]).toMatch(/\bCMD\b.*\/healthz/);
  });

  it("builds and runs on the exact Node 24 release the test scripts fetch", () => {
    const pinned = /^NODE_PINNED=(\S+)$/m.exec(read("tools/node-env.sh"))?.[1];
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    for (const stage of stages) expect(stage.base).toBe(`node:${pinned}-bookworm-slim`);
  });

  it("leaves the app's files owned by root, so the node user cannot rewrite them", () => {
    const userAt = finalStage.instructions.findIndex((i) => i.keyword === "USER");
    const beforeUser = finalStage.instructions.slice(0, userAt);
    const fileWrites = beforeUser.filter((i) => ["COPY", "ADD"].includes(i.keyword));
    expect(fileWrites.length).toBeGreaterThan(0);
    for (const write of fileWrites) expect(write.args).not.toMatch(/--chown|--chmod/);
    for (const run of argsOf(finalStage, "RUN")) expect(run).not.toMatch(/\bch(own|mod)\b/);
    // Nothing after USER may write files either: they would be owned by node.
    const afterUser = finalStage.instructions.slice(userAt);
    expect(afterUser.filter((i) => ["COPY", "ADD", "RUN"].includes(i.keyword))).toEqual([]);
  });

  it("starts dist/main.js", () => {
    const cmds = argsOf(finalStage, "CMD");
    expect(cmds.length).toBeGreaterThan(0);
    expect(cmds.at(-1)).toMatch(/dist\/main\.js/);
  });
});

// ---------------------------------------------------------------- Node version

describe("the supported Node", () => {
  const pkg = JSON.parse(read("package.json")) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
  };

  it("is Node 24 LTS in package.json, its types and the scripts that fetch it", () => {
    expect(pkg.engines.node).toMatch(/^>=24\./);
    expect(pkg.devDependencies["@types/node"]).toMatch(/^\^24\./);
    expect(read("tools/node-env.sh")).toMatch(/^NODE_MIN_MAJOR=24$/m);
    for (const script of ["tools/test.sh", "tools/run-local.sh", ".ci/run"]) {
      expect(read(script), script).toMatch(/^source tools\/node-env\.sh$/m);
    }
  });
});

// ---------------------------------------------------------------- compose.yaml

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  volumes?: string[];
  stop_grace_period?: string;
  environment?: Record<string, string | number | null> | string[];
  env_file?: string | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  ports?: string[];
}

/** Compose accepts `environment` as a map or as a list of KEY=value strings. */
function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((item): [string, string] => {
        const [key = "", ...rest] = item.split("=");
        return [key, rest.join("=")];
      })
    : Object.entries(env).map(([key, value]): [string, string] => [key, String(value ?? "")]);
  return Object.fromEntries(entries);
}

/** How compose.yaml refers to a variable from .env: `${NAME}`. */
const ref = (name: string) => `\${${name}}`;

describe("compose.yaml", () => {
  // `<<: *bot` merge keys share the app services' settings.
  const compose = parseYaml(read("compose.yaml"), { merge: true }) as {
    services?: Record<string, ComposeService>;
  };
  const services = compose.services ?? {};
  const serviceUsingImage = (prefix: string): string | undefined =>
    Object.keys(services).find((name) => services[name]?.image?.startsWith(prefix));
  const mongo = serviceUsingImage("mongo:") ?? "";
  const redis = serviceUsingImage("redis:") ?? "";
  const mongoEnv = environmentOf(services[mongo] ?? {});
  // Every service running this repository's image runs the bot (in some ROLE).
  const appServices = Object.entries(services).filter(([, service]) =>
    service.image?.startsWith("mentorship-checkin-bot"),
  );

  it("has mongo and redis, and web and worker services running the bot", () => {
    expect(mongo).not.toBe("");
    expect(redis).not.toBe("");
    expect(
      Object.fromEntries(appServices.map(([name, s]) => [name, environmentOf(s).ROLE])),
    ).toEqual({ web: "web", worker: "worker" });
  });

  it("builds one image, once, which web and worker both run", () => {
    const building = Object.entries(services).filter(([, service]) => service.build);
    expect(building.map(([name]) => name)).toEqual(["web"]);
    expect(new Set(appServices.map(([, service]) => service.image)).size).toBe(1);
  });

  it("gives mongo and redis healthchecks, which `condition: service_healthy` needs", () => {
    for (const name of [mongo, redis]) {
      const healthcheck = services[name]?.healthcheck;
      expect(healthcheck?.test, `${name} healthcheck`).toBeDefined();
      expect(healthcheck?.disable ?? false).toBe(false);
    }
  });

  it("starts MongoDB with authentication: a root user and password from .env, required", () => {
    expect(mongoEnv.MONGO_INITDB_ROOT_USERNAME).toMatch(/^\$\{MONGO_ROOT_USER:\?.+\}$/);
    expect(mongoEnv.MONGO_INITDB_ROOT_PASSWORD).toMatch(/^\$\{MONGO_ROOT_PASSWORD:\?.+\}$/);
    expect(mongoEnv.MONGO_APP_PASSWORD).toMatch(/^\$\{MONGO_APP_PASSWORD:\?.+\}$/);
  });

  it("creates the bot's own MongoDB user, limited to its database, on the first start", () => {
    const script = "deploy/mongo/create-app-user.js";
    expect(services[mongo]?.volumes).toContain(
      `./${script}:/docker-entrypoint-initdb.d/create-app-user.js:ro`,
    );
    const source = read(script);
    for (const name of ["MONGO_APP_USER", "MONGO_APP_PASSWORD", "MONGO_APP_DATABASE"]) {
      expect(source).toContain(`process.env.${name}`);
    }
    expect(source).toMatch(/role: "readWrite", db: database/);
  });

  it("runs Redis with requirepass, and its healthcheck logs in", () => {
    const command = services[redis]?.command ?? [];
    const password = command[command.indexOf("--requirepass") + 1];
    expect(password).toMatch(/^\$\{REDIS_PASSWORD:\?.+\}$/);
    expect(environmentOf(services[redis] ?? {}).REDISCLI_AUTH).toBe(ref("REDIS_PASSWORD"));
  });

  it("publishes ports on this machine only: /metrics and /admin/queues share the bot's port", () => {
    const published = Object.values(services).flatMap((service) => service.ports ?? []);
    expect(published).not.toEqual([]);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it("gives the bot longer to stop than SHUTDOWN_TIMEOUT_MS plus main.ts's hard-stop margin", () => {
    const margin = Number(
      /shutdownTimeoutMs \+ ([\d_]+)/.exec(read("src/main.ts"))?.[1]?.replace("_", ""),
    );
    const shutdown = Number(/^SHUTDOWN_TIMEOUT_MS=(\d+)$/m.exec(read(".env.example"))?.[1]);
    expect(margin).toBeGreaterThan(0);
    for (const [name, service] of appServices) {
      const grace = /^(\d+)s$/.exec(service.stop_grace_period ?? "")?.[1];
      expect(Number(grace) * 1000, name).toBeGreaterThan(shutdown + margin);
    }
  });

  describe.each(appServices)("service %s", (_name, service) => {
    const env = environmentOf(service);

    it("logs in to the mongo service as the app user, with its password", () => {
      const uri = new URL(env.MONGODB_URI ?? "");
      expect(uri.hostname).toBe(mongo);
      expect(uri.username).toBe(mongoEnv.MONGO_APP_USER);
      expect(decodeURIComponent(uri.password)).toBe(ref("MONGO_APP_PASSWORD"));
      expect(uri.pathname).toBe(`/${mongoEnv.MONGO_APP_DATABASE}`);
    });

    it("logs in to the redis service with the requirepass password", () => {
      const url = new URL(env.REDIS_URL ?? "");
      expect(url.hostname).toBe(redis);
      expect(decodeURIComponent(url.password)).toBe(ref("REDIS_PASSWORD"));
    });

    it("never holds MongoDB's administrator login or compose's passwords, only its URLs", () => {
      // env_file passes every line of .env; `environment` overrides it.
      const readsEnvFile = [service.env_file ?? []].flat().includes(".env");
      for (const name of COMPOSE_VARIABLES) {
        expect(env[name], name).toBe(readsEnvFile ? "" : undefined);
      }
      const elsewhere = Object.entries(env).filter(
        ([key]) => key !== "MONGODB_URI" && key !== "REDIS_URL",
      );
      for (const [key, value] of elsewhere) {
        expect(value, key).not.toMatch(/\$\{(MONGO_|REDIS_PASSWORD)/);
      }
    });

    it("waits for mongo and redis to be healthy", () => {
      const dependsOn = service.depends_on;
      expect(Array.isArray(dependsOn), "depends_on must use the long form with conditions").toBe(
        false,
      );
      const conditions = dependsOn as Record<string, { condition?: string }>;
      expect(conditions[mongo]?.condition).toBe("service_healthy");
      expect(conditions[redis]?.condition).toBe("service_healthy");
    });
  });
});

// ---------------------------------------------------------------- .env.example

const KNOWN_VARIABLES = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_API_URL",
  "SLACK_TEAM_ID",
  "SLACK_PACING",
  "MONGODB_URI",
  "REDIS_URL",
  "PORT",
  "ROLE",
  "ADMIN_USER_IDS",
  "CELEBRATION_CHANNEL_ID",
  "DEFAULT_TIMEZONE",
  "LOG_LEVEL",
  "QUEUE_PREFIX",
  "SHUTDOWN_TIMEOUT_MS",
  "COMMANDS_PER_MINUTE",
  "CHECKIN_SWEEP_INTERVAL_MS",
  "CHECKIN_SWEEP_PAGES",
  "PROFILE_REFRESH_INTERVAL_MS",
  "METRICS_TOKEN",
  "QUEUE_DASHBOARD_USER",
  "QUEUE_DASHBOARD_PASSWORD",
  "AUDIT_RETENTION_DAYS",
  "RETENTION_SWEEP_INTERVAL_MS",
  "HOLIDAYS_FILE",
];

/** Read by compose.yaml only (MongoDB and Redis credentials), not by the app. */
const COMPOSE_VARIABLES = [
  "MONGO_ROOT_USER",
  "MONGO_ROOT_PASSWORD",
  "MONGO_APP_PASSWORD",
  "REDIS_PASSWORD",
];

describe(".env.example", () => {
  const lines = read(".env.example").split("\n");
  const assignments = lines
    .map((line, index) => ({ index, match: /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()) }))
    .filter((entry) => entry.match !== null)
    .map(({ index, match }) => ({ index, name: match?.[1] ?? "", value: match?.[2] ?? "" }));
  const names = assignments.map((a) => a.name);

  it("only lists variables the app or compose.yaml knows about", () => {
    const known = [...KNOWN_VARIABLES, ...COMPOSE_VARIABLES];
    expect(names.filter((name) => !known.includes(name))).toEqual([]);
  });

  it("lists every variable the app and compose.yaml read, once", () => {
    expect([...names].sort()).toEqual([...KNOWN_VARIABLES, ...COMPOSE_VARIABLES].sort());
  });

  it("leaves compose.yaml's passwords empty, so compose refuses to start until they are set", () => {
    const compose = read("compose.yaml");
    for (const name of COMPOSE_VARIABLES) {
      expect(compose, name).toMatch(new RegExp(`\\$\\{${name}:\\?`));
      expect(assignments.find((a) => a.name === name)?.value, name).toBe("");
    }
  });

  it("explains each variable with a comment right above it", () => {
    for (const { index, name } of assignments) {
      expect(lines[index - 1]?.trim(), `comment above ${name}`).toMatch(/^#/);
    }
  });

  it("contains placeholders, not real-looking Slack secrets", () => {
    for (const { name, value } of assignments) {
      expect(value, name).not.toMatch(/^xox[bpa]-\d+-/);
      expect(value, name).not.toMatch(/^xapp-\d-/);
      if (name === "SLACK_SIGNING_SECRET") expect(value, name).not.toMatch(/^[0-9a-f]{32}$/);
    }
  });
});
