import { describe, expect, it } from "vitest";
import { isLoopbackUrl } from "../../../src/simulator/webhooks/is-loopback-url.js";

describe("isLoopbackUrl", () => {
  it.each([
    "http://127.0.0.1:3000/hook",
    "http://127.5.6.7/hook",
    "https://localhost/hook",
    "http://api.localhost:8080/",
    "http://[::1]:9000/x",
  ])("accepts %s", (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each([
    "https://example.com/hook",
    "http://10.0.0.1/hook",
    "http://0.0.0.0/hook",
    "http://127.0.0.1.example.com/hook",
    "http://localhost.example.com/",
    "ftp://127.0.0.1/file",
    "not a url",
  ])("refuses %s", (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});
