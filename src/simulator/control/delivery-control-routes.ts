import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SimulatorContext } from "../simulator-context.js";
import { controlRequest } from "./control-request.js";

const DeliverySwitchBody = z.strictObject({
  enabled: z.boolean().optional(),
  /** One hook only; every hook when absent. */
  hook_id: z.number().int().positive().optional(),
  /** How old a delivery may be and still be redelivered (GitHub: 3 days). */
  redelivery_window_seconds: z.number().nonnegative().optional(),
});

/**
 * `POST /_simulator/webhooks/delivery` `{enabled, hook_id?, redelivery_window_seconds?}` simulates a
 * receiver that is down: while switched off, deliveries are recorded as failed ("failed to connect to
 * host") without being sent, and can be redelivered later. `GET` shows the switch.
 */
export function registerDeliveryControlRoutes(app: FastifyInstance, context: SimulatorContext): void {
  const control = controlRequest(context);
  const { switch: deliverySwitch } = context.webhooks;

  app.get("/webhooks/delivery", async () => deliverySwitch.describe());

  app.post("/webhooks/delivery", async (request, reply) => {
    const body = control.parse(DeliverySwitchBody, request.body, reply);
    if (!body) return reply;
    if (body.hook_id !== undefined && !context.state.findAnyHook(body.hook_id)) {
      return control.fail(reply, 404, `no hook ${body.hook_id} in the simulator`);
    }
    if (body.enabled !== undefined) deliverySwitch.set(body.enabled, body.hook_id);
    if (body.redelivery_window_seconds !== undefined) {
      deliverySwitch.redeliveryWindowSeconds = body.redelivery_window_seconds;
    }
    return deliverySwitch.describe();
  });
}
