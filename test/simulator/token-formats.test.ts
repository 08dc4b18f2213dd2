import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/simulator/random.js";
import {
  createClassicToken,
  createFineGrainedToken,
  createInstallationToken,
} from "../../src/simulator/token-formats.js";

describe("createClassicToken", () => {
  it("makes ghp_ tokens of 40 characters whose last 6 are the base62 CRC32 of the 30 before", () => {
    const token = createClassicToken(createRandom(5));
    expect(token).toMatch(/^ghp_[0-9A-Za-z]{36}$/);
    const body = token.slice(4, 34);
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let checksum = 0;
    for (const char of token.slice(34)) checksum = checksum * 62 + alphabet.indexOf(char);
    expect(checksum).toBe(crc32(body));
    expect(createClassicToken(createRandom(5))).toBe(token);
  });
});

describe("createFineGrainedToken and createInstallationToken", () => {
  it("make github_pat_ tokens of 93 characters and ghs_ tokens of 40, the same for the same draws", () => {
    const fineGrained = createFineGrainedToken(createRandom(9));
    expect(fineGrained).toMatch(/^github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}$/);
    expect(fineGrained).toHaveLength(93);
    expect(createFineGrainedToken(createRandom(9))).toBe(fineGrained);
    expect(createInstallationToken(createRandom(9))).toMatch(/^ghs_[0-9A-Za-z]{36}$/);
  });
});
