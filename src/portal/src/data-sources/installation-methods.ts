import type { InstallationMethod } from "../api/data-sources.js";

/** How each installation method is explained where one is chosen. */
export const INSTALLATION_METHOD_TEXT: Record<InstallationMethod, { title: string; description: string }> = {
  scheduled: {
    title: "Scheduled resync",
    description: "Portolan resyncs the whole organization on an interval. Nothing to expose to GitHub.",
  },
  "self-hosted": {
    title: "Self-hosted, with live webhooks",
    description:
      "Resyncs on an interval, and Portolan registers a webhook in GitHub so changes arrive within seconds. Needs a webhook secret and a URL GitHub can reach.",
  },
};
