import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDemo, startDemo } from "../../src/cli/demo/run-demo.js";
import { silentLogger } from "../../src/engine/logging/create-logger.js";
import { launchBrowser } from "../support/browser.js";
import {
  chooseTestResource,
  followOrganizationRelationBothWays,
  searchCatalogFor,
  testMappingOnExampleOf,
} from "../support/portal-steps.js";

const ADMIN_PASSWORD = "portal mapping admin password";

/** Screenshots of each page, kept as test artifacts (gitignored). */
const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/portal-mapping-catalog");

/**
 * The portal's mapping editor, mapping test, catalog search and entity page in Chromium, against
 * the demo (simulator as GitHub, synced once). Needs the built portal (`npm run build`).
 */
describe("portal: mapping editor, test mapping, catalog search and the entity page", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    demo = await startDemo(
      {
        once: false,
        json: false,
        dataDir: "",
        port: 0,
        githubPort: 0,
        seed: 11,
        workers: 2,
        inMemory: true,
        adminPassword: ADMIN_PASSWORD,
      },
      silentLogger(),
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${demo.portolan.url}/mapping`);
    const form = page.getByTestId("sign-in");
    await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const screenshot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

  it("shows a line error as the mapping is edited, and nothing is saved while it stands", async () => {
    const editor = page.getByTestId("mapping-text");
    await page.getByTestId("check-status").getByText("Valid").waitFor();
    const original = await editor.inputValue();
    const lines = original.split("\n");
    const kindLine = lines.indexOf("  - kind: repository") + 1;
    expect(kindLine).toBeGreaterThan(0);
    await editor.fill(original.replace("  - kind: repository", "  - kind: repositorys"));

    const problem = page.getByTestId("problem");
    await problem.waitFor();
    expect(await problem.getAttribute("data-code")).toBe("MAPPING_UNKNOWN_KIND");
    expect(await problem.getAttribute("data-line")).toBe(String(kindLine));
    expect(await page.getByTestId("marked-line").getAttribute("data-line")).toBe(String(kindLine));
    expect(await page.getByTestId("save-mapping").isDisabled()).toBe(true);
    await screenshot("1-mapping-line-error");

    await editor.fill(original);
    await page.getByTestId("check-status").getByText("Valid").waitFor();
    expect(await page.getByTestId("problem").count()).toBe(0);
    expect(demo.portolan.dataSource.currentMappingText).toBe(original);
  });

  it("saves a changed mapping as a version the data source uses from then on", async () => {
    const editor = page.getByTestId("mapping-text");
    const original = await editor.inputValue();
    // Tab indents with spaces (YAML has no tabs) and keeps the focus in the editor.
    await editor.focus();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Tab");
    await page.keyboard.type("# edited in the portal\n");
    const changed = `  # edited in the portal\n${original}`;
    expect(await editor.inputValue()).toBe(changed);
    await page.getByTestId("check-status").getByText("Valid").waitFor();
    await page.getByTestId("save-mapping").click();
    await page.getByTestId("notice").getByText("Saved as version 1").waitFor();
    expect(demo.portolan.dataSource.currentMappingText).toBe(changed);
    await page.getByTestId("versions").getByText("in use").waitFor();
    expect(await page.getByTestId("save-mapping").isDisabled()).toBe(true);
  });

  it("runs the mapping test over the stored raw examples and shows raw object → entity", async () => {
    await testMappingOnExampleOf(page, "repository");
    const entity = page.getByTestId("tested-entity").first();
    await entity.waitFor();
    const examples = await demo.portolan.dataSource.rawExamples.list("repository");
    expect(examples.length).toBeGreaterThan(0);
    expect(await page.getByTestId("test-result").count()).toBe(examples.length);
    const firstResult = page.getByTestId("test-result").first();
    expect(await firstResult.locator("pre").first().textContent()).toContain(
      `"name": "${examples[0]?.name}"`,
    );
    const shown = JSON.parse((await entity.locator("pre").textContent()) ?? "{}") as {
      identifier: string;
      blueprint: string;
      relations: Record<string, unknown>;
    };
    expect(shown).toMatchObject({
      identifier: examples[0]?.name,
      blueprint: "githubRepository",
      relations: { organization: demo.simulator.organization },
    });
    await entity.scrollIntoViewIfNeeded();
    await screenshot("2-mapping-test");

    await page.getByTestId("test-source-pasted").check();
    await page
      .getByTestId("test-pasted")
      .fill(JSON.stringify({ name: "pasted-repo", private: true, owner: { login: "someone" } }));
    await page.getByTestId("run-test").click();
    await expect.poll(() => page.getByTestId("test-result").count()).toBe(1);
    const pasted = JSON.parse(
      (await page.getByTestId("tested-entity").locator("pre").textContent()) ?? "{}",
    ) as { identifier: string; properties: Record<string, unknown> };
    expect(pasted).toMatchObject({ identifier: "pasted-repo", properties: { visibility: "private" } });
    // The field that came out empty says so at that field of the entity.
    const defaultBranch = page.locator('[data-testid="tested-field"][data-field="properties.defaultBranch"]');
    expect(await defaultBranch.getByTestId("field-empty").textContent()).toContain("gave null or nothing");
    await screenshot("2b-mapping-test-pasted");
  });

  it("with itemsToParse, shows each entity's failed field at that entity only", async () => {
    const editor = page.getByTestId("mapping-text");
    const original = await editor.inputValue();
    // One CODEOWNERS rule per entity (the file resource's itemsToParse): the /src/ rule's scope fails,
    // and the selector fails for the *.md rule, which so gives no entity.
    const failing = original
      .replace(
        "scope: .item.scope\n",
        `scope: 'if .item.scope == "/src/" then error("no scope for /src/") else .item.scope end'\n`,
      )
      .replace(
        "query: 'true'\n      files:",
        `query: 'if .item.scope == "*.md" then "not boolean" else true end'\n      files:`,
      );
    expect(failing.match(/no scope for|not boolean/g)).toEqual(["not boolean", "no scope for"]);
    await editor.fill(failing);
    await page.getByTestId("check-status").getByText("Valid").waitFor();
    await chooseTestResource(page, "file");
    await page.getByTestId("test-source-pasted").check();
    await page.getByTestId("test-pasted").fill(
      JSON.stringify({
        content: "/docs/ @alice\n/src/ @bob\n*.md @carol",
        repository: { name: "pasted-repo" },
        metadata: { path: "CODEOWNERS" },
      }),
    );
    await page.getByTestId("run-test").click();
    const entities = page.getByTestId("tested-entity");
    await expect.poll(() => entities.count()).toBe(2);
    const scopeErrors = await entities.evaluateAll((elements) =>
      elements.map((element) =>
        [...element.querySelectorAll('[data-field="properties.scope"] [data-testid="field-error"]')].map(
          (error) => error.textContent,
        ),
      ),
    );
    expect(scopeErrors).toEqual([[], ["no scope for /src/"]]);
    // The failure that gave no entity is the raw object's, with the element it came from.
    const unplaced = page.getByTestId("test-result").getByTestId("field-errors").locator("li");
    expect(await unplaced.count()).toBe(1);
    expect(await unplaced.getAttribute("data-element")).toBe("2");
    expect(await unplaced.textContent()).toMatch(/^element \[2\] selector\.query .*true or false/);
    await entities.nth(1).scrollIntoViewIfNeeded();
    await screenshot("2c-mapping-test-items-to-parse");

    // A selector that filters out the *.md rule: the other rules' entities, and which element went.
    await editor.fill(
      original.replace("query: 'true'\n      files:", `query: '.item.scope != "*.md"'\n      files:`),
    );
    await page.getByTestId("check-status").getByText("Valid").waitFor();
    await page.getByTestId("run-test").click();
    await page.getByTestId("filtered-out").waitFor();
    expect(await page.getByTestId("filtered-out").textContent()).toBe(
      "Element [2] filtered out by the selector query.",
    );
    expect(await entities.count()).toBe(2);

    await editor.fill(original);
    await page.getByTestId("check-status").getByText("Valid").waitFor();
  });

  it("searches the catalog, opens an entity and follows its relation both ways", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
    const repositories = page.getByTestId("blueprint-githubRepository");
    await repositories.getByTestId("entity-row").first().waitFor();
    const all = await repositories.getByTestId("entity-row").count();
    // A repository of the organization (the demo maps folders to this blueprint too, without the relation).
    const organizationAccount = demo.simulator.state.findAccount(demo.simulator.organization);
    const target = demo.simulator.state.repositoriesOwnedBy(organizationAccount?.id ?? -1)[1]?.name ?? "";
    const identifiers = await searchCatalogFor(repositories, target);
    expect(identifiers.length).toBeLessThan(all);
    // The search matches identifier or title; repositories are titled by their name.
    expect(
      identifiers.filter((identifier) => !identifier.toLowerCase().includes(target.toLowerCase())),
    ).toEqual([]);
    // The section, not the full page: Chromium's full-page capture puts the scroll position back only at
    // the next layout, which the click's focus change forces between press and release — a lost click.
    await repositories.screenshot({ path: `${ARTIFACTS}/3-catalog-search.png` });

    await repositories.getByRole("link", { name: target, exact: true }).click();
    await page.getByTestId("entity-page").waitFor();
    expect(await page.getByTestId("entity-identifier").textContent()).toBe(target);
    expect(await page.getByTestId("entity-data-source").textContent()).toBe(demo.portolan.dataSource.id);
    await screenshot("4-entity-repository");

    await followOrganizationRelationBothWays(page, demo.simulator.organization, target, {
      atOrganization: () => screenshot("5-entity-organization"),
    });
  });

  it("says so in place when a search matches nothing and when an entity does not exist", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
    const repositories = page.getByTestId("blueprint-githubRepository");
    await repositories.getByTestId("entity-search").fill("no repository is called this");
    await repositories.getByTestId("no-match").waitFor();
    expect(await repositories.getByTestId("entity-row").count()).toBe(0);

    await page.goto(`${demo.portolan.url}/entities/githubRepository/deleted-long-ago`);
    const error = page.getByTestId("error-message");
    await error.waitFor();
    expect(await error.getAttribute("data-code")).toBe("ENTITY_NOT_FOUND");
    await screenshot("6-entity-not-found");
  });
});
