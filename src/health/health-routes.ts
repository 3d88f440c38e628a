import type { IncomingMessage, ServerResponse } from "node:http";

/** Each answers true while its dependency responds. */
export type ReadinessCheck = () => Promise<boolean>;

export interface HealthRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** `/healthz`: the process lives. `/readyz`: MongoDB and Redis answer. */
export function healthRoutes(checks: Record<string, ReadinessCheck>): HealthRoute[] {
  return [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => sendJson(res, 200, { status: "ok" }),
    },
    {
      path: "/readyz",
      method: ["GET"],
      handler: (_req, res) => {
        void runChecks(checks).then((results) => {
          const ready = Object.values(results).every(Boolean);
          sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", ...results });
        });
      },
    },
  ];
}

async function runChecks(checks: Record<string, ReadinessCheck>) {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await check().catch(() => false)]),
  );
  return Object.fromEntries(entries) as Record<string, boolean>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
