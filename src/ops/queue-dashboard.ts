import type { IncomingMessage, ServerResponse } from "node:http";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import express, { type RequestHandler } from "express";
import type { HealthRoute } from "../health/health-routes.js";
import { secretsMatch } from "./secret-compare.js";

export const DASHBOARD_PATH = "/admin/queues";

export interface DashboardCredentials {
  user: string;
  password: string;
}

/**
 * Bull Board at /admin/queues, behind HTTP basic auth: without the right user and password
 * every path under it (pages, assets, API) answers 401. Served by whichever HTTP server the
 * role runs, as one route whose path covers everything below /admin/queues.
 */
export function queueDashboardRoute(
  queues: Queue[],
  credentials: DashboardCredentials,
): HealthRoute {
  const board = new ExpressAdapter();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
  });
  const app = express();
  app.disable("x-powered-by");
  app.use(DASHBOARD_PATH, basicAuth(credentials), board.getRouter());
  return {
    path: `${DASHBOARD_PATH}{/*rest}`,
    method: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      app(req as express.Request, res as express.Response);
    },
  };
}

function basicAuth({ user, password }: DashboardCredentials): RequestHandler {
  return (req, res, next) => {
    const [scheme, encoded] = (req.headers.authorization ?? "").split(" ");
    const [givenUser, ...rest] = Buffer.from(encoded ?? "", "base64")
      .toString("utf8")
      .split(":");
    // Both halves are always compared, so a wrong user name takes as long as a wrong password.
    const userOk = secretsMatch(givenUser ?? "", user);
    const passwordOk = secretsMatch(rest.join(":"), password);
    if (scheme?.toLowerCase() === "basic" && userOk && passwordOk) return next();
    res.set("www-authenticate", 'Basic realm="queues", charset="UTF-8"').status(401).end();
  };
}
