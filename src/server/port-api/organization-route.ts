import type { FastifyInstance } from "fastify";

/**
 * `GET /v1/organization`: Ocean reads the id and feature flags. Portolan is one organization and
 * turns on none of Port's SaaS-only flags (so Ocean never enters lakehouse/DSP mode).
 */
export async function registerOrganizationRoute(app: FastifyInstance): Promise<void> {
  app.get("/v1/organization", async () => ({
    ok: true,
    organization: { id: "portolan", name: "Portolan", featureFlags: [] },
  }));
}
