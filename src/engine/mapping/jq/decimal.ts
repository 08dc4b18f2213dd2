/**
 * Number literals that keep their decimal text, as jq built with decNumber does (`have_decnum` is true in
 * Ocean's libjq): `13911860366432393`, `1.000` or `1E+1000` print back unchanged and compare exactly against
 * each other until arithmetic turns them into doubles.
 */
export class DecimalLiteral {
  constructor(
    /** The nearest double, used by arithmetic and by every consumer outside the engine. */
    readonly value: number,
    /** Canonical decimal text (decNumber's to-scientific-string). */
    readonly text: string,
  ) {}
}

interface Parts {
  negative: boolean;
  /** Coefficient digits without leading zeros ("0" for zero). */
  digits: string;
  exponent: number;
}

const NUMBER = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parts(text: string): Parts | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  const int = m[2] ?? "";
  const frac = m[3] ?? "";
  if (int === "" && frac === "") return null;
  let digits = (int + frac).replace(/^0+/, "");
  if (digits === "") digits = "0";
  const exp = Number(m[4] ?? "0") - frac.length;
  if (!Number.isFinite(exp)) return null;
  return { negative: m[1] === "-", digits, exponent: exp };
}

/** decNumber's to-scientific-string: plain notation unless the exponent is positive or very negative. */
function format(p: Parts): string {
  const { digits, exponent } = p;
  const adjusted = exponent + digits.length - 1;
  let body: string;
  if (exponent <= 0 && adjusted >= -6) {
    if (exponent === 0) body = digits;
    else {
      const point = digits.length + exponent;
      body =
        point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${"0".repeat(-point)}${digits}`;
    }
  } else {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${mantissa}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
  }
  return p.negative ? `-${body}` : body;
}

/**
 * Reads a number literal. Literals a double cannot hold exactly are always kept; `exact` also keeps texts
 * that merely print differently (`1.000`, `1E+2`), as jq does for program literals and JSON input.
 */
export function numberLiteral(text: string, exact: boolean): number | DecimalLiteral {
  const value = Number(text);
  const p = parts(text);
  if (p === null) return value;
  const significant = p.digits.replace(/0+$/, "").length;
  const bigInteger = p.exponent >= 0 && Math.abs(value) > 2 ** 53;
  const lost = !Number.isFinite(value) || (value === 0 && p.digits !== "0");
  // Beyond a double's precision the decimal text is the value (two such literals compare exactly).
  if (bigInteger || lost || significant > 15) return new DecimalLiteral(value, format(p));
  if (!exact) return value;
  const canonical = format(p);
  return canonical === String(value) ? value : new DecimalLiteral(value, canonical);
}

export function negateDecimal(d: DecimalLiteral): DecimalLiteral {
  return new DecimalLiteral(-d.value, d.text.startsWith("-") ? d.text.slice(1) : `-${d.text}`);
}

/** Exact comparison of two decimal literals. */
export function compareDecimals(a: DecimalLiteral, b: DecimalLiteral): number {
  const pa = parts(a.text);
  const pb = parts(b.text);
  if (pa === null || pb === null) return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  const za = pa.digits === "0";
  const zb = pb.digits === "0";
  const sa = za ? 0 : pa.negative ? -1 : 1;
  const sb = zb ? 0 : pb.negative ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const mag = compareMagnitude(pa, pb);
  return sa > 0 ? mag : -mag;
}

function compareMagnitude(a: Parts, b: Parts): number {
  const ea = a.exponent + a.digits.length;
  const eb = b.exponent + b.digits.length;
  if (ea !== eb) return ea < eb ? -1 : 1;
  const n = Math.max(a.digits.length, b.digits.length);
  const da = a.digits.padEnd(n, "0");
  const db = b.digits.padEnd(n, "0");
  return da < db ? -1 : da > db ? 1 : 0;
}

/** The double behind a number value. */
export function toDouble(v: number | DecimalLiteral): number {
  return typeof v === "number" ? v : v.value;
}

/** Replaces decimal literals by doubles, deeply; values without any are returned as they are. */
export function toPlain(v: unknown): unknown {
  if (v instanceof DecimalLiteral) return v.value;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = toPlain(v[i]);
      if (x !== v[i]) {
        out ??= v.slice();
        out[i] = x;
      }
    }
    return out ?? v;
  }
  if (v !== null && typeof v === "object") {
    let out: Record<string, unknown> | null = null;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const x = toPlain(o[k]);
      if (x !== o[k]) {
        out ??= { ...o };
        Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
      }
    }
    return out ?? v;
  }
  return v;
}
