import { createHmac } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { thing } from "../support/fake-integration.js";
import { startTestServer, type TestServer } from "../support/start-test-server.js";

const SECRET = "it's a secret to everybody";

type Signature = "right" | "wrong" | "missing" | "garbage";
type Body = { kind: "object" | "other"; bytes: Buffer };

/** What a delivery is, from GitHub's side: the parts a sender can get wrong. */
interface Delivery {
  body: Body;
  event: string | undefined;
  /** `undefined`: no header; "replay": the id of an earlier accepted delivery. */
  deliveryId: string | undefined;
  signature: Signature;
  contentType: string | undefined;
}

const text = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8");

/** Bodies GitHub sends, and the ways a body goes wrong: truncated, not JSON, not an object, odd bytes. */
const body: fc.Arbitrary<Body> = fc.oneof(
  fc
    .record({ action: fc.constantFrom("upsert", "delete"), id: fc.string({ minLength: 1, maxLength: 8 }) })
    .map(({ action, id }) => ({ kind: "object" as const, bytes: text({ action, thing: thing(id) }) })),
  fc
    .dictionary(fc.string({ maxLength: 10, unit: "binary" }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 })
    .map((value) => ({ kind: "object" as const, bytes: text(value) })),
  fc
    .oneof(
      fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== "object" || Array.isArray(v)),
    )
    .map((value) => ({ kind: "other" as const, bytes: text(value) })),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 8 })).map(([cut, id]) => {
    const full = JSON.stringify({ action: "upsert", thing: thing(id) });
    return { kind: "other" as const, bytes: Buffer.from(full.slice(0, cut % full.length), "utf8") };
  }),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => {
    const buffer = Buffer.from(bytes);
    return { kind: parsesAsObject(buffer) ? ("object" as const) : ("other" as const), bytes: buffer };
  }),
);

function parsesAsObject(bytes: Buffer): boolean {
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}

const delivery: fc.Arbitrary<Delivery> = fc.record({
  body,
  event: fc.constantFrom("thing", "thing", "thing", "ping", "unknown_event", "", undefined),
  deliveryId: fc.constantFrom("fresh", "fresh", "fresh", "replay", "", undefined),
  signature: fc.constantFrom<Signature>("right", "right", "right", "wrong", "missing", "garbage"),
  contentType: fc.constantFrom(
    "application/json",
    "application/x-www-form-urlencoded",
    "text/plain",
    undefined,
  ),
});

function sign(secret: string, bytes: Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(bytes).digest("hex")}`;
}

describe("POST /integration/webhook on generated deliveries (property)", () => {
  let running: TestServer;
  beforeAll(async () => {
    running = await startTestServer({ webhookSecret: SECRET, workers: 1 });
  });
  afterAll(async () => {
    await running.close();
  });

  it("answers 2xx or 4xx JSON with a stable code, and stores exactly the accepted deliveries", async () => {
    const accepted: string[] = [];
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(delivery, async (sent) => {
        counter += 1;
        const deliveryId =
          sent.deliveryId === "fresh"
            ? `delivery-${counter}-${Math.random()}`
            : sent.deliveryId === "replay"
              ? (accepted[counter % Math.max(accepted.length, 1)] ?? `delivery-${counter}`)
              : sent.deliveryId;
        const headers: Record<string, string> = {};
        if (sent.contentType) headers["content-type"] = sent.contentType;
        if (sent.event !== undefined) headers["x-github-event"] = sent.event;
        if (deliveryId !== undefined) headers["x-github-delivery"] = deliveryId;
        if (sent.signature === "right") headers["x-hub-signature-256"] = sign(SECRET, sent.body.bytes);
        if (sent.signature === "wrong") headers["x-hub-signature-256"] = sign("wrong", sent.body.bytes);
        if (sent.signature === "garbage") headers["x-hub-signature-256"] = "sha1=not-hex";
        const response = await fetch(`${running.url}/integration/webhook`, {
          method: "POST",
          headers,
          body: new Uint8Array(sent.body.bytes),
        });
        const raw = await response.text();
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect(raw).not.toMatch(/\n\s+at |stack/);
        const answer = JSON.parse(raw) as { status?: string; error?: { code: string; message: string } };

        // The model: the first check that fails decides the answer.
        const expected =
          sent.signature === "missing"
            ? [401, "WEBHOOK_UNSIGNED"]
            : sent.signature !== "right"
              ? [401, "WEBHOOK_BAD_SIGNATURE"]
              : !sent.event || !deliveryId
                ? [400, "WEBHOOK_MISSING_HEADERS"]
                : sent.body.kind !== "object"
                  ? [400, parsesAsJson(sent.body.bytes) ? "WEBHOOK_NOT_AN_OBJECT" : "WEBHOOK_NOT_JSON"]
                  : sent.event !== "thing"
                    ? [202, "ignored"]
                    : accepted.includes(deliveryId)
                      ? [202, "duplicate"]
                      : [202, "queued"];
        expect([response.status, answer.error?.code ?? answer.status]).toEqual(expected);
        if (response.status >= 400) expect(answer.error?.message.length).toBeGreaterThan(0);
        if (answer.status === "queued" && deliveryId) accepted.push(deliveryId);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 5000 },
    );
    // Stored before the 202: the inbox already holds every accepted delivery, applied or not.
    const { rows } = await running.store.database.query<{ delivery_id: string }>(
      "SELECT delivery_id FROM webhook_inbox",
    );
    expect(rows.map((row) => row.delivery_id).sort()).toEqual([...accepted].sort());
  });

  it("stores a payload with NUL characters and lone surrogates, each replaced by U+FFFD", async () => {
    for (const [index, odd] of ["nul \\u0000 here", "lone \\ud800 surrogate", "\\udfff"].entries()) {
      const bytes = Buffer.from(`{"action":"upsert","thing":{"id":"odd-${index}","name":"${odd}"}}`, "utf8");
      const response = await fetch(`${running.url}/integration/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "thing",
          "x-github-delivery": `odd-${index}`,
          "x-hub-signature-256": sign(SECRET, bytes),
        },
        body: new Uint8Array(bytes),
      });
      expect([response.status, await response.json()]).toEqual([
        202,
        { status: "queued", deliveryId: `odd-${index}` },
      ]);
    }
    const { rows } = await running.store.database.query<{ name: string }>(
      "SELECT payload->'thing'->>'name' AS name FROM webhook_inbox WHERE delivery_id LIKE 'odd-%' ORDER BY delivery_id",
    );
    expect(rows.map((row) => row.name)).toEqual(["nul \uFFFD here", "lone \uFFFD surrogate", "\uFFFD"]);
  });
});

function parsesAsJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}
