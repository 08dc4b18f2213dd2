import { describe, expect, it } from "vitest";
import { createInstallationTokenCache } from "../../../src/github/client/installation-token-cache.js";

const entry = (createdAt: string, expiresAt: string) => `ghs_x|${createdAt}|${expiresAt}|all|metadata|`;

describe("createInstallationTokenCache", () => {
  it("keeps an hour-long token until five minutes before it expires", () => {
    let now = Date.parse("2026-01-01T10:00:00Z");
    const cache = createInstallationTokenCache(() => now);
    const value = entry("2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z");
    cache.set("installation", value);
    now = Date.parse("2026-01-01T10:54:59Z");
    expect(cache.get("installation")).toBe(value);
    now = Date.parse("2026-01-01T10:55:00Z");
    expect(cache.get("installation")).toBeUndefined();
  });

  it("renews a short-lived token at half its lifetime", () => {
    let now = Date.parse("2026-01-01T10:00:00Z");
    const cache = createInstallationTokenCache(() => now);
    cache.set("installation", entry("2026-01-01T10:00:00Z", "2026-01-01T10:00:10Z"));
    now += 4_999;
    expect(cache.get("installation")).toBeDefined();
    now += 1;
    expect(cache.get("installation")).toBeUndefined();
  });
});
