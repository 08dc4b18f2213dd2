import { crc32 } from "node:zlib";
import type { Random } from "./random.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function toBase62(value: number, width: number): string {
  let out = "";
  let rest = value >>> 0;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, "0");
}

function randomBase62(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[random.int(0, 61)];
  return out;
}

/**
 * GitHub's published token format (`ghp_`, `ghs_`, …): the prefix, 30 random base62 characters, and a
 * 6-character base62 CRC32 checksum of those characters (so secret scanners recognise it as well formed).
 */
function checksummedToken(prefix: string, random: Random): string {
  const body = randomBase62(random, 30);
  return `${prefix}${body}${toBase62(crc32(body), 6)}`;
}

/** A classic personal access token: `ghp_` and 36 characters. */
export function createClassicToken(random: Random): string {
  return checksummedToken("ghp_", random);
}

/** A GitHub App installation access token: `ghs_` and 36 characters. */
export function createInstallationToken(random: Random): string {
  return checksummedToken("ghs_", random);
}

/**
 * A fine-grained personal access token: `github_pat_`, 22 base62 characters (the token's id), `_`, and
 * 59 base62 characters (its secret), 93 characters in all, as GitHub issues them.
 */
export function createFineGrainedToken(random: Random): string {
  return `github_pat_${randomBase62(random, 22)}_${randomBase62(random, 59)}`;
}
