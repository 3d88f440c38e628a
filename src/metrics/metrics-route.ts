import type { HealthRoute } from "../health/health-routes.js";
import { secretsMatch } from "../ops/secret-compare.js";
import type { BotMetrics } from "./bot-metrics.js";

/** `GET /metrics` in Prometheus text format; with a token set, only for `Bearer <token>`. */
export function metricsRoute(metrics: BotMetrics, token: string | undefined): HealthRoute {
  return {
    path: "/metrics",
    method: ["GET"],
    handler: (req, res) => {
      const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (token && !(presented && secretsMatch(presented, token))) {
        res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"' }).end();
        return;
      }
      metrics.text().then(
        ({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    },
  };
}
