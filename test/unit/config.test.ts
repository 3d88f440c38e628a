import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const minimal = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "shh" };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const config = loadConfig(minimal);
    expect(config.mongodbUri).toBe("mongodb://127.0.0.1:27017/mentorship");
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(config.port).toBe(3000);
    expect(config.role).toBe("all");
    expect(config.defaultTimezone).toBe("UTC");
    expect(config.logLevel).toBe("info");
    expect(config.adminUserIds).toEqual([]);
    expect(config.slack.appToken).toBeUndefined();
  });

  it("names every missing or invalid variable at once", () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: "xoxp-user-token",
      PORT: "eighty",
      DEFAULT_TIMEZONE: "Mars/Olympus",
      ADMIN_USER_IDS: "U123ABC, not-an-id",
    });
    expect(problems.join("\n")).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(problems.join("\n")).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(problems.join("\n")).toMatch(/PORT/);
    expect(problems.join("\n")).toMatch(/DEFAULT_TIMEZONE must be an IANA time zone/);
    expect(problems.join("\n")).toMatch(/ADMIN_USER_IDS/);
    expect(problems).toHaveLength(5);
  });

  it("names a bad variable and a bad pair of variables in the same message", () => {
    const problems = problemsOf({
      ...minimal,
      PORT: "x",
      COMMANDS_PER_MINUTE: "1.5",
      QUEUE_DASHBOARD_USER: "ops",
    });
    expect(problems).toEqual([
      "PORT must be a whole number, got 'x'",
      "COMMANDS_PER_MINUTE must be a whole number, got '1.5'",
      "QUEUE_DASHBOARD_USER and QUEUE_DASHBOARD_PASSWORD must be set together (or neither)",
    ]);
  });

  it("names the playground's problems beside the other variables'", () => {
    const problems = problemsOf({ ...minimal, PLAYGROUND: "true", SHUTDOWN_TIMEOUT_MS: "soon" });
    expect(problems).toEqual([
      "SHUTDOWN_TIMEOUT_MS must be a whole number, got 'soon'",
      "PLAYGROUND needs SLACK_API_URL on this machine (http://127.0.0.1:PORT/api/)",
    ]);
  });

  it("treats an empty value as unset", () => {
    const config = loadConfig({ ...minimal, SLACK_APP_TOKEN: "", PORT: "" });
    expect(config.slack.appToken).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it("parses admins, role and socket mode token", () => {
    const config = loadConfig({
      ...minimal,
      ADMIN_USER_IDS: " U01ADMIN ,W02ADMIN,",
      ROLE: "worker",
      SLACK_APP_TOKEN: "xapp-1-abc",
    });
    expect(config.adminUserIds).toEqual(["U01ADMIN", "W02ADMIN"]);
    expect(config.role).toBe("worker");
    expect(config.slack.appToken).toBe("xapp-1-abc");
  });

  it("returns a frozen object", () => {
    const config = loadConfig(minimal);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
  });

  it("never puts a secret value in its error message", () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: "xoxp-secret-value-123", SLACK_SIGNING_SECRET: "x" });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("secret-value-123");
      return;
    }
    throw new Error("expected a ConfigError");
  });

  it("takes SLACK_API_URL only over https://, or plain http:// on this machine (a test double)", () => {
    for (const url of ["http://slack.example.com/api/", "http://10.0.0.5:8080/api/"]) {
      expect(problemsOf({ ...minimal, SLACK_API_URL: url }).join("\n")).toMatch(
        /SLACK_API_URL must be https:\/\//,
      );
    }
    for (const url of [
      "https://slack.example.com/api/",
      "http://127.0.0.1:4321/api/",
      "http://localhost:4321/api/",
      "http://[::1]:4321/api/",
    ]) {
      expect(loadConfig({ ...minimal, SLACK_API_URL: url }).slack.apiUrl).toBe(url);
    }
  });

  it("turns the queue dashboard on only with both its user and password", () => {
    expect(loadConfig(minimal).queueDashboard).toBeUndefined();
    expect(problemsOf({ ...minimal, QUEUE_DASHBOARD_USER: "ops" }).join("\n")).toMatch(
      /QUEUE_DASHBOARD_USER and QUEUE_DASHBOARD_PASSWORD must be set together/,
    );
    const config = loadConfig({
      ...minimal,
      QUEUE_DASHBOARD_USER: "ops",
      QUEUE_DASHBOARD_PASSWORD: "long-enough",
    });
    expect(config.queueDashboard).toEqual({ user: "ops", password: "long-enough" });
  });

  it("refuses a queue dashboard user with ':' in it, which basic auth could never send", () => {
    expect(
      problemsOf({
        ...minimal,
        QUEUE_DASHBOARD_USER: "ops:team",
        QUEUE_DASHBOARD_PASSWORD: "long-enough",
      }),
    ).toEqual(["QUEUE_DASHBOARD_USER must not contain ':' (basic auth splits there)"]);
  });

  it("keeps audit entries a year unless AUDIT_RETENTION_DAYS says otherwise", () => {
    expect(loadConfig(minimal).retention.auditDays).toBe(365);
    expect(loadConfig({ ...minimal, AUDIT_RETENTION_DAYS: "90" }).retention.auditDays).toBe(90);
    expect(problemsOf({ ...minimal, AUDIT_RETENTION_DAYS: "0" }).join("\n")).toMatch(
      /AUDIT_RETENTION_DAYS/,
    );
  });

  it("takes 99999 days (keep for good) and refuses a cutoff no Date can hold", () => {
    expect(loadConfig({ ...minimal, AUDIT_RETENTION_DAYS: "99999" }).retention.auditDays).toBe(
      99_999,
    );
    expect(problemsOf({ ...minimal, AUDIT_RETENTION_DAYS: "999999999" })).toEqual([
      "AUDIT_RETENTION_DAYS must be 1000000 days or fewer (use 99999 to keep entries for good)",
    ]);
  });

  it("walks users.list twice a day unless told otherwise, and never less than daily", () => {
    expect(loadConfig(minimal).profileRefreshIntervalMs).toBe(12 * 3600_000);
    expect(
      loadConfig({ ...minimal, PROFILE_REFRESH_INTERVAL_MS: "0" }).profileRefreshIntervalMs,
    ).toBe(0);
    expect(problemsOf({ ...minimal, PROFILE_REFRESH_INTERVAL_MS: "90000000" }).join("\n")).toMatch(
      /PROFILE_REFRESH_INTERVAL_MS must be a day \(86400000\) or less/,
    );
  });
});

describe("time settings Node's timers must hold", () => {
  const intervals = ["CHECKIN_SWEEP_INTERVAL_MS", "RETENTION_SWEEP_INTERVAL_MS"];

  it("refuses a periodic interval past 2147483647 ms, or under a second (0 stays off)", () => {
    for (const name of intervals) {
      expect(problemsOf({ ...minimal, [name]: "2147483648" })).toEqual([
        `${name} must be 2147483647 ms (about 24.8 days) or less`,
      ]);
      expect(problemsOf({ ...minimal, [name]: "500" })).toEqual([
        `${name} must be 0 (off) or 1000 ms (a second) or more`,
      ]);
      expect(() => loadConfig({ ...minimal, [name]: "2147483647" })).not.toThrow();
      expect(() => loadConfig({ ...minimal, [name]: "0" })).not.toThrow();
    }
    expect(problemsOf({ ...minimal, PROFILE_REFRESH_INTERVAL_MS: "10" })).toEqual([
      "PROFILE_REFRESH_INTERVAL_MS must be 0 (off) or 1000 ms (a second) or more",
    ]);
  });

  it("refuses a SHUTDOWN_TIMEOUT_MS whose hard stop (5 s later) a timer cannot hold", () => {
    expect(problemsOf({ ...minimal, SHUTDOWN_TIMEOUT_MS: "2147483647" })).toEqual([
      "SHUTDOWN_TIMEOUT_MS must be 2147478647 ms (about 24.8 days) or less",
    ]);
    expect(loadConfig({ ...minimal, SHUTDOWN_TIMEOUT_MS: "2147478647" }).shutdownTimeoutMs).toBe(
      2_147_478_647,
    );
  });
});

describe("HOLIDAYS_FILE (issue 16)", () => {
  const fixture = fileURLToPath(
    new URL("../fixtures/holidays/company-holidays.ics", import.meta.url),
  );

  it("is optional: no file, no holidays", () => {
    expect(loadConfig(minimal).holidays).toEqual([]);
  });

  it("reads whole-day, multi-day, yearly and timed events as local dates", () => {
    const { holidays } = loadConfig({ ...minimal, HOLIDAYS_FILE: fixture });
    // Christmas and Boxing Day every year (a two-day event with a yearly rule).
    for (const date of ["2025-12-25", "2025-12-26", "2026-12-25", "2026-12-26", "2099-12-26"]) {
      expect(holidays).toContain(date);
    }
    expect(holidays).not.toContain("2026-12-27"); // DTEND is exclusive
    expect(holidays).toContain("2026-11-30");
    expect(holidays).toContain("2027-01-01"); // no DTEND: one day
    expect(holidays).toContain("2027-03-15"); // a timed event: its date
    expect([...holidays].sort()).toEqual(holidays);
  });

  it("stops start-up with a clear reason when the file is missing or isn't iCalendar", () => {
    const dir = mkdtempSync(join(tmpdir(), "holidays-"));
    const garbage = join(dir, "holidays.ics");
    writeFileSync(garbage, "Christmas: 25 December\n");
    expect(problemsOf({ ...minimal, HOLIDAYS_FILE: join(dir, "missing.ics") })).toEqual([
      "HOLIDAYS_FILE can't be read (ENOENT)",
    ]);
    const [problem] = problemsOf({ ...minimal, HOLIDAYS_FILE: garbage });
    expect(problem).toMatch(/^HOLIDAYS_FILE isn't an iCalendar file/);
  });
});
