import type { FastifyInstance } from "fastify";
import { FaultRuleInputSchema } from "../faults/fault-rule.js";
import type { SimulatorContext } from "../simulator-context.js";
import { controlRequest } from "./control-request.js";

/**
 * Fault rules: `POST /_simulator/faults` adds one (201 with its `id`), `GET` lists them with how often
 * each fired, `DELETE /_simulator/faults/{id}` removes one and `DELETE /_simulator/faults` all.
 */
export function registerFaultControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const { faults } = context.traffic;
  const { parse, fail } = controlRequest(context);
  app.post("/faults", async (request, reply) => {
    const input = parse(FaultRuleInputSchema, request.body, reply);
    if (!input) return reply;
    return reply.code(201).send(faults.add(input));
  });
  app.get("/faults", async () => faults.list());
  app.delete("/faults", async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string } }>("/faults/:id", async (request, reply) => {
    if (!faults.remove(Number(request.params.id)))
      return fail(reply, 404, `no fault rule ${request.params.id}`);
    return reply.code(204).send();
  });
}
