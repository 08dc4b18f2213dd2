import type { IntegrationKind, RawObject } from "../../src/engine/integration/integration.js";
import type { GitHubIntegration } from "../../src/github/create-github-integration.js";

/** Every page one kind of the integration lists for a selector, parsed as a mapping's would be. */
export async function listKindPages(
  integration: GitHubIntegration,
  name: string,
  selector: unknown,
): Promise<RawObject[][]> {
  const kind = integration.kinds.find((entry) => entry.name === name) as IntegrationKind | undefined;
  if (!kind) throw new Error(`no kind ${name}`);
  const pages: RawObject[][] = [];
  for await (const page of kind.list({ selector: kind.selectorSchema.parse(selector), mappingOptions: {} })) {
    pages.push(page);
  }
  return pages;
}
