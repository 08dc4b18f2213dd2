import type { WebhookOutcome } from "../../engine/data-sources/integration-type.js";
import { isPortolanError } from "../../engine/errors/portolan-error.js";
import type { WebhookRegistration } from "../create-github-integration.js";
import type { WebhookRegistrationStatus } from "./ensure-webhook.js";

const STATUS_OF: Record<WebhookRegistrationStatus, WebhookOutcome["status"]> = {
  created: "registered",
  updated: "patched",
  unchanged: "unchanged",
};

/** GitHub's registration results in the engine's words: one line per organization or repository hook. */
export function describeWebhookRegistrations(registrations: WebhookRegistration[]): WebhookOutcome[] {
  return registrations.flatMap((registration): WebhookOutcome[] => {
    const target = registration.organization;
    switch (registration.status) {
      case "failed":
        return [{ target, status: "failed", reason: reasonOf(registration.error) }];
      case "skipped":
        return [{ target, status: "skipped", reason: registration.reason }];
      case "repository-hooks":
        return registration.repositories.map((repository) =>
          repository.status === "failed"
            ? {
                target: repository.repository,
                status: "failed",
                reason: reasonOf(repository.error),
              }
            : { target: repository.repository, status: STATUS_OF[repository.status] },
        );
      default:
        return [{ target, status: STATUS_OF[registration.status] }];
    }
  });
}

function reasonOf(error: Error): string {
  return isPortolanError(error) ? error.describe() : error.message;
}
