import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/**
 * In the mapping test (the page or a panel of it), picks the first stored raw example of a kind and
 * runs the mapping on it.
 */
export async function testMappingOnExampleOf(scope: Page | Locator, kind: string): Promise<void> {
  await chooseTestResource(scope, kind);
  await scope.getByTestId("run-test").click();
}

/** In the mapping test, picks the (first) resource of a kind. */
export async function chooseTestResource(scope: Page | Locator, kind: string): Promise<void> {
  const options = await scope
    .getByTestId("test-resource")
    .locator("option")
    .evaluateAll((elements) => elements.map((element) => element.textContent ?? ""));
  const label = options.find((option) => option.endsWith(`: ${kind}`));
  expect(label).toBeDefined();
  await scope.getByTestId("test-resource").selectOption({ label: label as string });
}

/**
 * Searches one blueprint's table of the catalog for an identifier (typed in capitals: the search
 * ignores case) and returns the identifiers shown once the searched page is in.
 */
export async function searchCatalogFor(
  table: Locator,
  identifier: string,
  timeout?: number,
): Promise<string[]> {
  await table.getByTestId("entity-search").fill(identifier.toUpperCase());
  const shown = () =>
    table
      .getByTestId("entity-row")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-identifier") ?? ""));
  // Polled until the searched page is in (while it loads, the table shows the previous rows or none).
  await expect
    .poll(
      async () => {
        const rows = await shown();
        return (
          rows.includes(identifier) &&
          rows.every((row) => row.toLowerCase().includes(identifier.toLowerCase()))
        );
      },
      { timeout },
    )
    .toBe(true);
  return shown();
}

/**
 * From a repository's entity page, follows its relation to the organization and, from there, the
 * organization's incoming relation back to the repository. `atOrganization` runs on the organization's
 * page; `afterEachClick`, if given, right after each of the two clicks.
 */
export async function followOrganizationRelationBothWays(
  page: Page,
  organization: string,
  repository: string,
  steps: { atOrganization: () => Promise<unknown>; afterEachClick?: () => Promise<unknown> },
): Promise<void> {
  await page
    .locator('[data-testid="relation-row"][data-key="organization"]')
    .getByRole("link", { name: organization })
    .click();
  await steps.afterEachClick?.();
  await page.getByTestId("entity-identifier").getByText(organization, { exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/entities/githubOrganization/${organization}`);
  const incoming = page.locator(
    '[data-testid="incoming-group"][data-blueprint="githubRepository"][data-relation="organization"]',
  );
  await incoming.waitFor();
  await steps.atOrganization();

  await incoming.getByRole("link", { name: repository, exact: true }).click();
  await steps.afterEachClick?.();
  await page.getByTestId("entity-identifier").getByText(repository, { exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/entities/githubRepository/${encodeURIComponent(repository)}`);
}
