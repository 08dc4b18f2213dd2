import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { PortolanError } from "../../engine/errors/portolan-error.js";
import type { RawObject } from "../../engine/integration/integration.js";
import { compileResourceMapping } from "../../engine/mapping/compile-resource-mapping.js";
import { mapRawItems } from "../../engine/mapping/map-raw-items.js";
import { parsePortAppConfig } from "../../engine/mapping/parse-port-app-config.js";
import { readStandardInput } from "../read-standard-input.js";

export function registerMapCommand(program: Command): void {
  program
    .command("map")
    .description("Turn raw objects into entities with a mapping (NDJSON out), as a resync would")
    .requiredOption("--mapping <file>", "the mapping (port app config), YAML or JSON")
    .requiredOption("--kind <kind>", "the kind whose resources to apply, e.g. repository")
    .option(
      "--input <file>",
      "raw objects: a JSON array, an object with an `objects` array, or NDJSON; - for standard input",
      "-",
    )
    .option(
      "--errors",
      "also print every per-field failure, item failure and warning as JSON on standard error",
      false,
    )
    .action(async (options: { mapping: string; kind: string; input: string; errors: boolean }) => {
      const { config, warnings } = parsePortAppConfig(
        await readFile(options.mapping, "utf8"),
        options.mapping,
      );
      for (const warning of warnings) {
        const { source, line, column, path } = warning.where;
        process.stderr.write(
          `warning: ${source}:${line ?? "?"}:${column ?? "?"} ${path}: ${warning.message}\n`,
        );
      }
      const objects = parseObjects(
        options.input === "-" ? await readStandardInput() : await readFile(options.input, "utf8"),
        options.input === "-" ? "standard input" : options.input,
      );
      const resources = config.resources
        .map((resource, index) => ({ resource, index }))
        .filter(({ resource }) => resource.kind === options.kind);
      if (resources.length === 0) {
        throw new PortolanError(
          "CLI_KIND_NOT_IN_MAPPING",
          `the mapping has no resource of kind "${options.kind}"`,
          {
            where: { source: options.mapping },
            hint: `Kinds in this mapping: ${[...new Set(config.resources.map((resource) => resource.kind))].join(", ")}.`,
          },
        );
      }
      for (const { resource, index } of resources) {
        const result = mapRawItems(compileResourceMapping(resource, index), objects);
        for (const entity of result.entities) process.stdout.write(`${JSON.stringify(entity)}\n`);
        if (!options.errors) continue;
        for (const failure of result.itemFailures)
          process.stderr.write(`${JSON.stringify({ type: "item", ...failure })}\n`);
        for (const failure of result.fieldFailures)
          process.stderr.write(`${JSON.stringify({ type: "field", ...failure })}\n`);
        for (const warning of result.warnings)
          process.stderr.write(`${JSON.stringify({ type: "warning", resourceIndex: index, ...warning })}\n`);
      }
    });
}

function parseObjects(text: string, source: string): RawObject[] {
  const trimmed = text.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    try {
      parsed = trimmed
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line));
    } catch (error) {
      throw new PortolanError(
        "CLI_INVALID_JSON",
        `the input is neither JSON nor NDJSON: ${(error as Error).message}`,
        {
          where: { source },
          hint: "Give a JSON array of objects, an object with an `objects` array, or one JSON object per line.",
        },
      );
    }
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { objects?: unknown }).objects;
  if (
    !Array.isArray(list) ||
    !list.every((item) => item !== null && typeof item === "object" && !Array.isArray(item))
  ) {
    throw new PortolanError("CLI_INVALID_INPUT", "the input must hold JSON objects", {
      where: { source },
      hint: "Give a JSON array of objects, an object with an `objects` array, or one JSON object per line.",
    });
  }
  return list as RawObject[];
}
