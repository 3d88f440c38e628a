import { afterEach, describe, expect, it } from "vitest";
import { healthRoutes } from "../../src/health/health-routes.js";
import { startHealthServer } from "../../src/health/health-server.js";

let server: { port: number; close(): Promise<void> } | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function readyz(checks: Parameters<typeof healthRoutes>[0]) {
  server = await startHealthServer(healthRoutes(checks, 200), 0);
  const res = await fetch(`http://127.0.0.1:${server.port}/readyz`, {
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, body: await res.json() };
}

describe("/readyz", () => {
  it("answers 503 naming the dependency that does not answer (a frozen MongoDB)", async () => {
    const frozen = () => new Promise<boolean>(() => {});
    expect(await readyz({ mongodb: frozen, redis: async () => true })).toEqual({
      status: 503,
      body: { status: "not ready", mongodb: false, redis: true },
    });
  });

  it("answers 200 when every dependency answers", async () => {
    expect(await readyz({ mongodb: async () => true, redis: async () => true })).toEqual({
      status: 200,
      body: { status: "ready", mongodb: true, redis: true },
    });
  });
});

describe("the health server (worker role, Socket Mode)", () => {
  it("fails to start with the port's error when the port is taken, rather than crashing", async () => {
    server = await startHealthServer([], 0);
    await expect(startHealthServer([], server.port)).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });
});
