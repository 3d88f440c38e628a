import type { IncomingMessage, ServerResponse } from "node:http";

/** The paths the bot serves; any other path is counted as "other" so labels stay few. */
const ROUTES = ["/slack/events", "/healthz", "/readyz", "/metrics"];
const DASHBOARD = "/admin/queues";

export function routeLabel(url: string | undefined): string {
  const path = new URL(url ?? "/", "http://localhost").pathname;
  if (ROUTES.includes(path)) return path;
  if (path === DASHBOARD || path.startsWith(`${DASHBOARD}/`)) return DASHBOARD;
  return "other";
}

/** An observer for an HTTP server: counts each response by route and status once it is sent. */
export function requestCounter(count: (route: string, status: number) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.on("finish", () => count(routeLabel(req.url), res.statusCode));
  };
}
