import type { FastifyInstance } from "fastify";
import type { SimulatorContext } from "../simulator-context.js";

/** `GET /_simulator/requests`: the request log's counts; `DELETE` starts counting afresh. */
export function registerRequestLogControlRoutes(app: FastifyInstance, { traffic }: SimulatorContext): void {
  app.get("/requests", async () => traffic.log.summary());
  app.delete("/requests", async (_request, reply) => {
    traffic.log.reset();
    return reply.code(204).send();
  });
}
