/**
 * `npm run bench -- mapping`: Ocean's default pull-request mapping over 20,000 pull requests, by
 * Portolan's mapping engine and, in the same run, by the jq CLI (Debian's `jq`) evaluating the same
 * expressions with the same rules (first output, errors → null) over the same objects.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileResourceMapping } from "../src/engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../src/engine/mapping/map-raw-items.js";
import { normalizeQuotes } from "../src/engine/mapping/normalize-quotes.js";
import { parsePortAppConfig } from "../src/engine/mapping/parse-port-app-config.js";
import type { EntityMappings } from "../src/engine/mapping/port-app-config-schema.js";
import { defaultMapping } from "../src/github/defaults/default-mapping.js";

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 20_000);
const BATCH = 100;

interface PullRequestTemplate {
  title: string;
  user: Record<string, unknown>;
  [key: string]: unknown;
}

/** Pull requests shaped like GitHub's (Ocean's raw example), varied so that no two are alike. */
function pullRequests(count: number): Record<string, unknown>[] {
  const examples = fileURLToPath(
    new URL("../../../../shared/ocean/upstream/examples/pull-request/", import.meta.url),
  );
  const templates = ["a", "b", "c", "d"].map(
    (name) => JSON.parse(readFileSync(`${examples}${name}.json`, "utf8")) as PullRequestTemplate,
  );
  return Array.from({ length: count }, (_, index) => {
    const template = templates[index % templates.length] as PullRequestTemplate;
    const created = new Date(Date.UTC(2025, 0, 1) + index * 60_000);
    const merged = index % 3 === 0 ? new Date(created.getTime() + (index % 97) * 3_600_000) : null;
    return {
      ...template,
      id: 1_000_000 + index,
      number: index + 1,
      title: `${template.title} #${index}`,
      state: merged ? "closed" : "open",
      created_at: created.toISOString(),
      updated_at: created.toISOString(),
      merged_at: merged ? merged.toISOString() : null,
      user: { ...template.user, login: index % 10 === 0 ? "renovate[bot]" : `user-${index % 50}` },
    };
  });
}

/** One jq program giving the entity for one input, with Ocean's rules: first output, error or nothing → null. */
function jqProgramFor(mappings: EntityMappings): string {
  const field = (expression: string) => `(try ([${normalizeQuotes(expression)}][0]) catch null)`;
  const object = (record: Record<string, unknown>) =>
    `{${Object.entries(record)
      .map(([key, expression]) => `${JSON.stringify(key)}: ${field(expression as string)}`)
      .join(", ")}}`;
  return `{identifier: ${field(mappings.identifier as string)}, title: ${field(mappings.title ?? "null")}, blueprint: ${field(
    mappings.blueprint,
  )}, properties: ${object(mappings.properties)}, relations: ${object(mappings.relations)}}`;
}

function measurePortolan(
  objects: Record<string, unknown>[],
  resource: Parameters<typeof compileResourceMapping>[0],
) {
  const compiled = compileResourceMapping(resource, 0);
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let entities = 0;
  const started = process.hrtime.bigint();
  for (let start = 0; start < objects.length; start += BATCH) {
    entities += mapRawItems(compiled, objects.slice(start, start + BATCH)).entities.length;
    if (start % 2_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { entities, seconds, peakRssMb: peakRss / 2 ** 20 };
}

export async function mappingBench(): Promise<void> {
  const version = spawnSync("jq", ["--version"], { encoding: "utf8" });
  if (version.status !== 0) {
    process.stderr.write("The jq CLI is needed as the reference: apt-get install jq\n");
    process.exit(2);
  }
  const resource = parsePortAppConfig(defaultMapping, "default mapping").config.resources.find(
    (candidate) => candidate.kind === "pull-request",
  );
  if (!resource) throw new Error("the default mapping has no pull-request resource");
  const objects = pullRequests(OBJECTS);

  // Warm the engine (compile caches, JIT) on a small slice, as a running server is warm.
  measurePortolan(objects.slice(0, 500), resource);
  const portolan = measurePortolan(objects, resource);

  const input = join(tmpdir(), `portolan-bench-${process.pid}.ndjson`);
  writeFileSync(input, `${objects.map((object) => JSON.stringify(object)).join("\n")}\n`);
  const started = process.hrtime.bigint();
  const jq = spawnSync("jq", ["-c", jqProgramFor(resource.port.entity.mappings), input], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const jqSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(input, { force: true });
  if (jq.status !== 0) throw new Error(`jq failed: ${jq.stderr}`);
  const jqEntities = jq.stdout.trim().split("\n").length;

  const portolanRate = portolan.entities / portolan.seconds;
  const jqRate = jqEntities / jqSeconds;
  process.stdout.write(
    [
      `mapping: Ocean's default pull-request mapping, ${OBJECTS} objects (${version.stdout.trim()} as reference)`,
      `  portolan  ${portolan.entities} entities in ${portolan.seconds.toFixed(2)} s = ${Math.round(portolanRate)} entities/s, peak RSS ${portolan.peakRssMb.toFixed(0)} MiB`,
      `  jq CLI    ${jqEntities} entities in ${jqSeconds.toFixed(2)} s = ${Math.round(jqRate)} entities/s`,
      `  ratio     ${(portolanRate / jqRate).toFixed(2)}× the jq CLI`,
      "",
    ].join("\n"),
  );
}
