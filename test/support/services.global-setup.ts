// Vitest globalSetup: starts REAL Redis and FerretDB (MongoDB wire protocol) servers once per
// run, so integration tests exercise the same drivers and server semantics as production.
// There is deliberately no in-memory fallback: if a server cannot start, the run fails loudly.
// The servers are started by ./local-services.ts, which the benchmark (bench/run.ts) shares.
import type { TestProject } from "vitest/node";
import { startLocalServices } from "./local-services.js";

export { stripDatabase } from "./local-services.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Cleans up what already started if a server fails (vitest never calls teardown then).
  const services = await startLocalServices(process.env);
  try {
    project.provide("redisUrl", services.redisUrl);
    project.provide("mongodbUri", services.mongodbUri);
  } catch (err) {
    await services.stop();
    throw err;
  }
  return services.stop;
}
