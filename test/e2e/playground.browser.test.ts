/**
 * The playground in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * a person uses the page as they would, and the real bot on real Redis and FerretDB answers.
 * Screenshots of the key screens go to .test-results/screenshots/ (git-ignored).
 */
import { mkdir, readFile } from "node:fs/promises";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPlaygroundSettings } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningPlayground, startPlayground } from "../../src/playground/start-playground.js";
import { testMongoUri, testRedisUrl, uniqueName } from "../support/isolation.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = new URL("../../.test-results/screenshots/", import.meta.url);
const WAIT_MS = 20_000;
/** Each step may wait for the bot a few times on a machine shared with other work. */
const STEP_MS = 60_000;

const ADA = "UPGADA001";
const MARIA = "UPGMARIA1";
const KENJI = "UPGKENJI1";
const SAM = "UPGSAM001";
const TOM = "UPGTOM001";
const dm = (userId: string) => `D${userId.slice(1)}`;

let playground: RunningPlayground;
let browser: Browser;
let page: Page;

async function visit(userId: string, conversation: string): Promise<void> {
  await page.goto(`${playground.url}/?as=${userId}&c=${encodeURIComponent(conversation)}`);
}

async function type(text: string): Promise<void> {
  await page.locator("#message-box").fill(text);
  await page.locator("#message-box").press("Enter");
}

/** What a locator shows now ("" while it is absent), for expect.poll to wait on. */
const shown = async (locator: Locator): Promise<string> =>
  (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? "").trim() : "";
const WAIT = { timeout: WAIT_MS, interval: 100 };

/** The latest message in the open conversation that contains `text`. */
const message = (text: string) => page.locator("#main .message", { hasText: text }).last();

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname });
}

describe("the playground in a browser", () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    const settings = loadPlaygroundSettings({
      PLAYGROUND_PORT: "0",
      MONGODB_URI: testMongoUri(uniqueName("playground")),
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: uniqueName("playground"),
      LOG_LEVEL: "warn",
    });
    playground = await startPlayground(settings, createLogger("warn"));
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(WAIT_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it(
    "lists the commands with their hints on / and answers /mentor help only to you",
    async () => {
      await visit(MARIA, dm(MARIA));
      await expect
        .poll(() => shown(page.locator(".you select option:checked")), WAIT)
        .toBe("Maria (mentor)");
      await page.locator("#message-box").fill("/");
      const hints = page.locator("#hints li");
      await expect.poll(() => shown(hints.first()), WAIT).toContain("/mentor");
      await expect.poll(() => shown(hints.first()), WAIT).toContain("pair @mentor @mentee");
      await expect.poll(() => shown(page.locator("#hints")), WAIT).toContain("/progress");
      await shot("01-command-hints");

      await page.locator("#message-box").fill("/mentor help");
      await page.locator("#message-box").press("Enter");
      const help = message("/mentor pair @mentor @mentee");
      await expect.poll(() => shown(help), WAIT).toContain("Only visible to you");
      await expect.poll(() => shown(help), WAIT).toContain("/mentor goal");
      await shot("02-mentor-help");
    },
    STEP_MS,
  );

  it(
    "says so when no check-in is planned for the clock to move to",
    async () => {
      await visit(ADA, dm(ADA));
      await page.locator("[data-clock=next-checkin]").click();
      await expect
        .poll(() => shown(page.locator("#clock-note")), WAIT)
        .toContain("No check-in is planned");
    },
    STEP_MS,
  );

  it(
    "pairs directly as the admin, and by request once the mentee accepts",
    async () => {
      await visit(ADA, dm(ADA));
      await type("/mentor pair @kenji @tom");
      await expect.poll(() => shown(message("is now mentoring")), WAIT).toContain("@Tom");
      await visit(TOM, dm(TOM));
      await expect.poll(() => shown(message("Meet")), WAIT).toContain("@Kenji, your new mentor!");

      await visit(MARIA, dm(MARIA));
      await type("/mentor pair @maria @sam");
      await expect.poll(() => shown(message("I've asked")), WAIT).toContain("Only visible to you");
      await page.locator(".you select").selectOption(SAM);
      await expect.poll(() => shown(page.locator("#title")), WAIT).toBe("Mentorship · Messages");
      const request = message("would like you to be their mentee");
      await expect.poll(() => shown(request.locator("button.bk-primary")), WAIT).toBe("Accept");
      await shot("03-pairing-request");
      await request.locator("button", { hasText: "Accept" }).click();
      // chat.update replaces the request in place: the buttons are gone.
      await expect.poll(() => shown(message("You accepted")), WAIT).toContain("You're now paired!");
      await expect
        .poll(() => page.locator("#main button", { hasText: "Accept" }).count(), WAIT)
        .toBe(0);
      await shot("04-pairing-accepted");
    },
    STEP_MS,
  );

  it(
    "sets a goal and two milestones through the form, which shows errors under fields",
    async () => {
      await visit(SAM, dm(SAM));
      await type("/mentor goal Lead a team by 2028-12-31");
      await expect.poll(() => shown(message("Lead a team")), WAIT).toContain("Only visible to you");

      await type("/mentor milestone add");
      const modal = page.locator("form.modal");
      await expect.poll(() => shown(modal.locator("h2")), WAIT).toBe("Add milestone");
      await modal
        .locator(".bk-input", { hasText: "Milestone" })
        .locator("input")
        .fill("Ship the Q1 launch");
      await modal.locator(".bk-input", { hasText: "Due date" }).locator("input").fill("2020-01-31");
      await modal.locator("button[type=submit]").click();
      await expect
        .poll(() => shown(modal.locator('[data-error-for="dueDate"]')), WAIT)
        .toContain("in the past");
      await shot("05-modal-field-error");
      await modal.locator(".bk-input", { hasText: "Due date" }).locator("input").fill("2027-03-31");
      await modal.locator("button[type=submit]").click();
      await expect.poll(() => modal.count(), WAIT).toBe(0);

      await type("/mentor milestone add");
      await modal
        .locator(".bk-input", { hasText: "Milestone" })
        .locator("input")
        .fill("Run a design review");
      await modal.locator(".bk-input", { hasText: "Due date" }).locator("input").fill("2027-06-30");
      await shot("06-milestone-modal");
      await modal.locator("button[type=submit]").click();
      await expect.poll(() => modal.count(), WAIT).toBe(0);

      await type("/mentor roadmap");
      const roadmap = message("Ship the Q1 launch");
      await expect.poll(() => shown(roadmap), WAIT).toContain("Run a design review");
      await expect.poll(() => shown(roadmap), WAIT).toContain("Lead a team");
    },
    STEP_MS,
  );

  it(
    "advances the clock to the check-in, answers On track, and the mentor sees it",
    async () => {
      await visit(SAM, dm(SAM));
      const before = await page.locator(".clock-time").getAttribute("data-iso");
      await page.locator("[data-clock=next-checkin]").click();
      const checkin = message("Your answer goes to your mentor");
      await checkin.locator("button", { hasText: "On track" }).waitFor();
      await expect
        .poll(() => page.locator(".clock-time").getAttribute("data-iso"), WAIT)
        .not.toBe(before);
      await shot("07-checkin");
      await checkin.locator("button", { hasText: "On track" }).click();
      await expect.poll(() => shown(message("Check-in answered")), WAIT).toContain("On track");
      await expect.poll(() => shown(message("Check-in answered")), WAIT).toContain("(edited)");

      await page.locator(".you select").selectOption(MARIA);
      await expect.poll(() => shown(message("@Sam")), WAIT).toContain("On track");
      await shot("08-mentor-sees-answer");
    },
    STEP_MS,
  );

  it(
    "marks a milestone done and the shout-out appears in #celebrations",
    async () => {
      await visit(SAM, dm(SAM));
      await type("/mentor done 1 Launched on time");
      await expect
        .poll(() => shown(message("Milestone 1 reached")), WAIT)
        .toContain("Only visible to you");
      await page.locator("#nav a", { hasText: "celebrations" }).click();
      await expect.poll(() => shown(page.locator("#title")), WAIT).toBe("#celebrations");
      const shoutOut = message("reached a milestone");
      await expect
        .poll(() => shown(shoutOut), WAIT)
        .toContain("@Sam reached a milestone: Ship the Q1 launch");
      await expect.poll(() => shown(shoutOut), WAIT).toContain("@Maria");
      await shot("09-celebration");
    },
    STEP_MS,
  );

  it(
    "shows the roadmap on the App Home tab",
    async () => {
      await visit(SAM, dm(SAM));
      await page.locator("#nav a", { hasText: "Home" }).click();
      const home = page.locator("#main .home");
      await expect.poll(() => shown(home), WAIT).toContain("Lead a team");
      await expect.poll(() => shown(home), WAIT).toContain("Ship the Q1 launch");
      await expect.poll(() => shown(home), WAIT).toContain("Run a design review");
      await home.locator("button", { hasText: "Add milestone" }).waitFor();
      await shot("10-app-home");
    },
    STEP_MS,
  );

  it(
    "shares `/mentor my data` as a file in the DM, which downloads",
    async () => {
      await visit(SAM, dm(SAM));
      await type("/mentor my data");
      const shared = message("everything I store about you");
      await expect.poll(() => shown(shared), WAIT).toContain(".json");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        shared.locator(".files a").first().click(),
      ]);
      const saved = await download.path();
      const data = JSON.parse(await readFile(saved, "utf8")) as Record<string, unknown>;
      expect(JSON.stringify(data)).toContain("Ship the Q1 launch");
      expect(await shown(page.locator("#warnings"))).not.toContain("[ERROR]");
    },
    STEP_MS,
  );

  it(
    "answers a message typed in the app's Messages tab with a pointer to the commands",
    async () => {
      await visit(TOM, dm(TOM));
      await type("hello?");
      await expect
        .poll(() => shown(message("I don't read messages here")), WAIT)
        .toContain("/mentor help");
    },
    STEP_MS,
  );

  it("acts only on the page's own JSON requests, not on a form another site could post", async () => {
    const asForm = await fetch(`${playground.url}/ui/type`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ as: ADA, conversation: dm(ADA), text: "/mentor pair @tom @sam" }),
    });
    expect(asForm.status).toBe(415);
    const asJson = await fetch(`${playground.url}/ui/home`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: ADA }),
    });
    expect(asJson.status).toBe(200);
  });

  it("runs the whole scenario from one button", async () => {
    await visit(KENJI, dm(KENJI));
    await page.locator("#run-scenario").click();
    await expect
      .poll(() => shown(page.locator("#scenario")), { timeout: 60_000, interval: 250 })
      .toContain("Done in");
    // Nothing the bot sent was something Slack would refuse.
    expect(await shown(page.locator("#warnings"))).not.toContain("[ERROR]");
    await page.locator("#nav a", { hasText: "celebrations" }).click();
    await expect
      .poll(() => shown(message("Lead a design review")), WAIT)
      .toContain("@Lena reached a milestone");
    await shot("11-scenario");
  }, 90_000);
});
