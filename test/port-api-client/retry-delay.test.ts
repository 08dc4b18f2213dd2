import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS, retryDelayMs } from "../../src/port-api-client/retry-delay.js";

const NOW = Date.parse("2026-11-26T10:00:00Z");

describe("retryDelayMs (Ocean's retry policy)", () => {
  it("waits what Retry-After or x-ratelimit-reset asks: seconds, an epoch over 10,000, or a date", () => {
    expect(retryDelayMs(1, new Headers({ "retry-after": "2" }), 300, NOW)).toBe(2000);
    expect(retryDelayMs(1, new Headers({ "retry-after": "0" }), 300, NOW)).toBe(0);
    expect(retryDelayMs(1, new Headers({ "x-ratelimit-reset": String(NOW / 1000 + 5) }), 300, NOW)).toBe(
      5000,
    );
    expect(retryDelayMs(1, new Headers({ "retry-after": "Thu, 26 Nov 2026 10:00:07 GMT" }), 300, NOW)).toBe(
      7000,
    );
  });

  it("backs off exponentially with ±10 % jitter when nothing is asked, and never beyond 300 s", () => {
    for (const attempt of [1, 2, 3, 4]) {
      const delay = retryDelayMs(attempt, new Headers(), 300, NOW);
      const expected = 300 * 2 ** (attempt - 1);
      expect(delay).toBeGreaterThanOrEqual(expected * 0.9);
      expect(delay).toBeLessThanOrEqual(expected * 1.1);
    }
    expect(retryDelayMs(20, undefined, 300, NOW)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1, new Headers({ "retry-after": "9000" }), 300, NOW)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1, new Headers({ "retry-after": "soon" }), 300, NOW)).toBeLessThanOrEqual(330);
  });
});
