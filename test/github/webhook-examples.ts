/** GitHub's example webhook payloads from `@octokit/webhooks-examples` (real deliveries, community-curated). */
import { createRequire } from "node:module";

export interface WebhookExamples {
  name: string;
  actions: string[];
  examples: Array<Record<string, unknown>>;
}

const require = createRequire(import.meta.url);

export const webhookExamples: readonly WebhookExamples[] = require("@octokit/webhooks-examples");
