import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HealthRoute } from "./health-routes.js";

/** For roles with no Bolt HTTP receiver to hang the health routes on: the worker, and Socket Mode. */
export async function startHealthServer(
  routes: HealthRoute[],
  port: number,
  observe?: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    observe?.(req, res);
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routes.find((r) => matches(r.path, path) && r.method.includes(req.method ?? ""));
    if (route) return route.handler(req, res);
    res.writeHead(404).end();
  });
  // A port in use rejects here, so start-up fails with its reason ("Failed to start: …")
  // instead of an unhandled 'error' event crashing the process.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Exact paths, plus Bolt's `/base{/*rest}` form for a route that owns everything below it. */
function matches(routePath: string, path: string): boolean {
  if (!routePath.endsWith("{/*rest}")) return routePath === path;
  const base = routePath.slice(0, -"{/*rest}".length);
  return path === base || path.startsWith(`${base}/`);
}
