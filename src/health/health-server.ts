import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HealthRoute } from "./health-routes.js";

/** For roles with no Bolt HTTP receiver to hang the health routes on: the worker, and Socket Mode. */
export async function startHealthServer(
  routes: HealthRoute[],
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? ""));
    if (route) return route.handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
