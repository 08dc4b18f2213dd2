/**
 * Hides secrets in data Portolan keeps or shows (raw data examples), as Ocean's masker does before it
 * sends examples to Port: values under secret-looking keys, the secret parameters of URLs, strings
 * that look like GitHub tokens or private keys, and every occurrence of a secret Portolan knows
 * (its own token, webhook secret, App private key) all become `[REDACTED]`.
 */
export const REDACTED = "[REDACTED]";

/** The last word of a key that names a secret: `client_secret`, `accessToken`, `Authorization`, … */
const SECRET_LAST_WORDS = new Set([
  "secret",
  "token",
  "password",
  "passwd",
  "passphrase",
  "authorization",
  "cookie",
  "credentials",
]);
/** `key` names a secret only after one of these: `private_key`, `apiKey`, … (a deploy key's `key` is public). */
const SECRET_KEY_PREFIXES = new Set(["private", "api", "secret", "access", "signing", "encryption"]);

/** URL query parameters that carry credentials, e.g. a hook URL with `?token=`. */
const SECRET_URL_PARAMETER =
  /([?&;](?:access_token|token|secret|password|api_key|apikey|key|sig|signature|client_secret)=)[^&#\s"']+/gi;

/** Credential formats worth catching anywhere: GitHub tokens, JWTs, PEM private keys. */
const SECRET_PATTERNS = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** Whether `text` holds something shaped like a credential (a GitHub token, a JWT, a private key). */
export function holdsCredential(text: string): boolean {
  return SECRET_PATTERNS.some((pattern) => text.search(pattern) >= 0);
}

/** Secrets shorter than this are not searched for inside strings: they would hide ordinary words. */
const MINIMUM_KNOWN_SECRET_LENGTH = 6;

export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words.at(-1);
  if (last === undefined) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  const before = words.at(-2);
  return last === "key" && before !== undefined && SECRET_KEY_PREFIXES.has(before);
}

/** A masker for a fixed set of known secret values. */
export function createSecretMasker(knownSecrets: readonly (string | undefined)[] = []) {
  const known = [...new Set(knownSecrets)]
    .filter((secret): secret is string => (secret?.length ?? 0) >= MINIMUM_KNOWN_SECRET_LENGTH)
    // Longest first, so a secret that contains another is hidden whole.
    .sort((a, b) => b.length - a.length);

  function maskString(text: string): string {
    let masked = text;
    for (const secret of known) masked = masked.split(secret).join(REDACTED);
    for (const pattern of SECRET_PATTERNS) masked = masked.replace(pattern, REDACTED);
    return masked.replace(SECRET_URL_PARAMETER, `$1${REDACTED}`);
  }

  function mask(value: unknown): unknown {
    if (typeof value === "string") return maskString(value);
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === "object") {
      const copy: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        copy[key] = isSecretKey(key) && typeof inner === "string" ? REDACTED : mask(inner);
      }
      return copy;
    }
    return value;
  }

  return { mask, maskString };
}

export type SecretMasker = ReturnType<typeof createSecretMasker>;
