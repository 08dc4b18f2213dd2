import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Blueprint } from "../../src/engine/catalog/blueprint.js";
import {
  asIntegrationKind,
  type EventResource,
  type Integration,
  type KindChanges,
  type LiveEvent,
  type RawObject,
} from "../../src/engine/integration/integration.js";

/**
 * A source with one kind, `thing`, listed from memory in pages: what the engine tests use so that
 * they exercise the engine alone. Live events: `thing` with `{action: "upsert"|"delete", thing}`.
 */
export class FakeIntegration implements Integration {
  readonly type = "fake";
  things: RawObject[] = [];
  pageSize = 2;
  /** When set, listing throws after this many pages. */
  failAfterPages: number | undefined;
  /** When set, each page is handed out this many milliseconds after the one before (a slow source). */
  pageDelayMilliseconds: number | undefined;

  readonly kinds = [
    asIntegrationKind({
      name: "thing",
      selectorSchema: z.looseObject({ query: z.string(), color: z.string().optional() }),
      list: (request) => this.list(request.selector.color),
    }),
  ];

  private async *list(color: string | undefined): AsyncIterable<RawObject[]> {
    const things = color ? this.things.filter((thing) => thing.color === color) : this.things;
    for (let start = 0, page = 0; start < things.length; start += this.pageSize, page++) {
      if (this.failAfterPages !== undefined && page >= this.failAfterPages) {
        throw Object.assign(new Error("the source failed mid-listing"), { code: "FAKE_SOURCE_FAILED" });
      }
      if (this.pageDelayMilliseconds !== undefined && page > 0) await sleep(this.pageDelayMilliseconds);
      yield things.slice(start, start + this.pageSize);
    }
  }

  kindsTouchedBy(event: LiveEvent): readonly string[] {
    return event.name === "thing" ? ["thing"] : [];
  }

  async handleEvent(event: LiveEvent, resource: EventResource): Promise<KindChanges | null> {
    const thing = event.payload.thing as RawObject;
    return event.payload.action === "delete"
      ? { kind: resource.kind, upserted: [], deleted: [thing] }
      : { kind: resource.kind, upserted: [thing], deleted: [] };
  }

  groupKey(event: LiveEvent): string {
    return `thing:${String((event.payload.thing as RawObject | undefined)?.id ?? event.deliveryId)}`;
  }

  defaultBlueprints(): readonly Blueprint[] {
    return [
      {
        identifier: "thing",
        title: "Thing",
        schema: { properties: { color: { type: "string" }, size: { type: "number" } }, required: [] },
      },
    ];
  }

  defaultMapping(): string {
    return FAKE_MAPPING;
  }
}

export const FAKE_MAPPING = `
resources:
  - kind: thing
    selector:
      query: '.hidden != true'
    port:
      entity:
        mappings:
          identifier: .id
          title: .name
          blueprint: '"thing"'
          properties:
            color: .color
            size: .size
`;

/**
 * FAKE_MAPPING with itemsToParse: one entity per element of a thing's `parts` (`part("1")`), each
 * with its own failing fields — `.part.size` must be a number, `.part.color` text.
 */
export const FAKE_PARTS_MAPPING = FAKE_MAPPING.replace(
  "    port:\n",
  "    port:\n      itemsToParse: .parts\n      itemsToParseName: part\n",
)
  .replace("identifier: .id", 'identifier: .id + "-" + .part.id')
  .replace("color: .color", "color: .part.color | ascii_downcase")
  .replace("size: .size", "size: .part.size + 1");

export function part(id: string, extra: RawObject = {}): RawObject {
  return { id, color: "RED", size: 1, ...extra };
}

export function thing(id: string, extra: RawObject = {}): RawObject {
  return { id, name: `Thing ${id}`, color: "red", size: 1, ...extra };
}
