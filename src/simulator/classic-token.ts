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

/**
 * A classic personal access token in GitHub's published format: `ghp_`, 30 random base62 characters, and
 * a 6-character base62 CRC32 checksum of those characters (so secret scanners recognise it as well formed).
 */
export function createClassicToken(random: Random): string {
  let body = "";
  for (let i = 0; i < 30; i++) body += BASE62[random.int(0, 61)];
  return `ghp_${body}${toBase62(crc32(body), 6)}`;
}
