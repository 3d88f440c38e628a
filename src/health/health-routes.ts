import type { IncomingMessage, ServerResponse } from "node:http";

/** Each answers true while its dependency responds. */
export type ReadinessCheck = () => Promise<boolean>;

export interface HealthRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A dependency that has not answered by then counts as down (a frozen MongoDB never answers). */
const CHECK_TIMEOUT_MS = 1_000;

/** `/healthz`: the process lives. `/readyz`: MongoDB and Redis answer, each within a bound. */
export function healthRoutes(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = CHECK_TIMEOUT_MS,
): HealthRoute[] {
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
        void runChecks(checks, timeoutMs).then((results) => {
          const ready = Object.values(results).every(Boolean);
          sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", ...results });
        });
      },
    },
  ];
}

async function runChecks(checks: Record<string, ReadinessCheck>, timeoutMs: number) {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, false);
      });
      const answer = await Promise.race([check().catch(() => false), late]);
      clearTimeout(timer);
      return [name, answer];
    }),
  );
  return Object.fromEntries(entries) as Record<string, boolean>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
