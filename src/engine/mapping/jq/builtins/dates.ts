/**
 * Date builtins, always in UTC: jq's "broken down time" is [year, month0, mday, hours, minutes, seconds,
 * wday, yday]. `localtime`/`strflocaltime` also use UTC because mappings must not depend on the host's zone.
 */
import { JqThrow } from "../errors.js";
import { fn, type NativeTable } from "./native.js";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86400000);
}

export function gmtime(v: unknown): number[] {
  if (typeof v !== "number") throw new JqThrow("gmtime() requires numeric inputs");
  const whole = Math.floor(v);
  const d = new Date(whole * 1000);
  if (Number.isNaN(d.getTime())) throw new JqThrow("gmtime() requires a valid time");
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const mday = d.getUTCDate();
  return [
    year,
    month,
    mday,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds() + (v - whole),
    d.getUTCDay(),
    dayOfYear(year, month, mday),
  ];
}

/**
 * A broken-down time read the way jq's jv2tm does: missing fields are 0 (so the day defaults to 0, the last
 * day of the previous month), numbers are truncated, and timegm normalises out-of-range fields.
 */
function toDate(v: unknown, what: string): Date {
  if (!Array.isArray(v)) throw new JqThrow(`${what} requires parsed datetime inputs`);
  const fields = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < Math.min(v.length, 8); i++) {
    const x = v[i];
    if (typeof x !== "number" || Number.isNaN(x))
      throw new JqThrow(`${what} requires parsed datetime inputs`);
    if (i < 6) fields[i] = Math.trunc(x);
  }
  const [year = 0, month = 0, mday = 0, h = 0, m = 0, sec = 0] = fields;
  const d = new Date(0);
  d.setUTCFullYear(year, month, mday);
  d.setUTCHours(h, m, sec, 0);
  if (Number.isNaN(d.getTime())) throw new JqThrow("invalid gmtime representation");
  return d;
}

export function mktime(v: unknown): number {
  if (!Array.isArray(v)) throw new JqThrow("mktime requires array inputs");
  return Math.floor(toDate(v, "mktime").getTime() / 1000);
}

function pad(n: number, width: number, fill = "0"): string {
  const s = String(Math.abs(Math.trunc(n)));
  return (n < 0 ? "-" : "") + s.padStart(width, fill);
}

export function strftime(v: unknown, format: unknown, what = "strftime/1"): string {
  if (typeof v !== "number" && !Array.isArray(v))
    throw new JqThrow(`${what} requires parsed datetime inputs`);
  if (typeof format !== "string") throw new JqThrow(`${what} requires a string format`);
  const date = toDate(typeof v === "number" ? gmtime(v) : v, what);
  // After timegm's normalisation, every field (weekday and day of year included) comes from the date.
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const mday = date.getUTCDate();
  const hour = date.getUTCHours();
  const min = date.getUTCMinutes();
  const sec = date.getUTCSeconds();
  const wday = date.getUTCDay();
  const yday = dayOfYear(year, month, mday);
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    const f = format[++i];
    switch (f) {
      case "Y":
        out += String(year);
        break;
      case "C":
        out += pad(Math.floor(year / 100), 2);
        break;
      case "y":
        out += pad(((year % 100) + 100) % 100, 2);
        break;
      case "m":
        out += pad(month + 1, 2);
        break;
      case "d":
        out += pad(mday, 2);
        break;
      case "e":
        out += pad(mday, 2, " ");
        break;
      case "H":
        out += pad(hour, 2);
        break;
      case "I":
        out += pad(hour % 12 === 0 ? 12 : hour % 12, 2);
        break;
      case "M":
        out += pad(min, 2);
        break;
      case "S":
        out += pad(sec, 2);
        break;
      case "j":
        out += pad(yday + 1, 3);
        break;
      case "Z":
        out += "UTC";
        break;
      case "z":
        out += "+0000";
        break;
      case "a":
        out += (DAYS[wday] ?? "").slice(0, 3);
        break;
      case "A":
        out += DAYS[wday] ?? "";
        break;
      case "b":
      case "h":
        out += (MONTHS[month] ?? "").slice(0, 3);
        break;
      case "B":
        out += MONTHS[month] ?? "";
        break;
      case "p":
        out += hour < 12 ? "AM" : "PM";
        break;
      case "c":
        out += `${(DAYS[wday] ?? "").slice(0, 3)} ${(MONTHS[month] ?? "").slice(0, 3)} ${pad(mday, 2, " ")} ${pad(hour, 2)}:${pad(min, 2)}:${pad(sec, 2)} ${year}`;
        break;
      case "D":
      case "x":
        out += `${pad(month + 1, 2)}/${pad(mday, 2)}/${pad(((year % 100) + 100) % 100, 2)}`;
        break;
      case "F":
        out += `${year}-${pad(month + 1, 2)}-${pad(mday, 2)}`;
        break;
      case "T":
      case "X":
        out += `${pad(hour, 2)}:${pad(min, 2)}:${pad(sec, 2)}`;
        break;
      case "R":
        out += `${pad(hour, 2)}:${pad(min, 2)}`;
        break;
      case "r":
        out += `${pad(hour % 12 === 0 ? 12 : hour % 12, 2)}:${pad(min, 2)}:${pad(sec, 2)} ${hour < 12 ? "AM" : "PM"}`;
        break;
      case "s":
        out += String(Math.floor(date.getTime() / 1000));
        break;
      case "u":
        out += String(wday === 0 ? 7 : wday);
        break;
      case "w":
        out += String(wday);
        break;
      case "U":
        out += pad(Math.floor((yday + 7 - wday) / 7), 2);
        break;
      case "W":
        out += pad(Math.floor((yday + 7 - ((wday + 6) % 7)) / 7), 2);
        break;
      case "G":
        out += String(isoWeek(date)[0]);
        break;
      case "V":
        out += pad(isoWeek(date)[1], 2);
        break;
      case "n":
        out += "\n";
        break;
      case "t":
        out += "\t";
        break;
      case "%":
        out += "%";
        break;
      default:
        out += `%${f ?? ""}`;
    }
  }
  return out;
}

function isoWeek(d: Date): [number, number] {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return [t.getUTCFullYear(), Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7)];
}

function matchName(s: string, at: number, names: string[]): [number, number] | null {
  const rest = s.slice(at).toLowerCase();
  for (let i = 0; i < names.length; i++) {
    const full = (names[i] as string).toLowerCase();
    if (rest.startsWith(full)) return [i, full.length];
  }
  for (let i = 0; i < names.length; i++) {
    const short = (names[i] as string).slice(0, 3).toLowerCase();
    if (rest.startsWith(short)) return [i, 3];
  }
  return null;
}

/** glibc-style strptime for the conversions mappings use; the result is jq's broken-down time. */
export function strptime(v: unknown, format: unknown): (number | string)[] {
  if (typeof v !== "string") throw new JqThrow(`strptime/1 requires string inputs and arguments`);
  if (typeof format !== "string") throw new JqThrow(`strptime/1 requires string inputs and arguments`);
  let year = 1900;
  let month = 0;
  // struct tm starts zeroed: a format without a day leaves day 0.
  let mday = 0;
  let dateParsed = false;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let pm: boolean | null = null;
  let epoch: number | null = null;
  let offset = 0;
  let pos = 0;
  const fail = (): never => {
    throw new JqThrow(`date "${v}" does not match format "${format}"`);
  };
  const readInt = (maxDigits: number, allowSign = false): number => {
    let i = pos;
    if (allowSign && (v[i] === "+" || v[i] === "-")) i++;
    const start = i;
    while (i < v.length && i - start < maxDigits && v[i] !== undefined && /[0-9]/.test(v[i] as string)) i++;
    if (i === start) fail();
    const n = Number(v.slice(pos, i));
    pos = i;
    return n;
  };
  const skipSpace = (): void => {
    while (pos < v.length && /\s/.test(v[pos] as string)) pos++;
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (/\s/.test(c)) {
      skipSpace();
      continue;
    }
    if (c !== "%") {
      if (v[pos] !== c) fail();
      pos++;
      continue;
    }
    let f = format[++i];
    if (f === "E" || f === "O") f = format[++i];
    switch (f) {
      case "Y":
        year = readInt(4, true);
        dateParsed = true;
        break;
      case "C":
        year = readInt(2) * 100 + (year % 100);
        break;
      case "y": {
        const y = readInt(2);
        year = y < 69 ? 2000 + y : 1900 + y;
        dateParsed = true;
        break;
      }
      case "m":
        month = readInt(2) - 1;
        dateParsed = true;
        break;
      case "d":
      case "e":
        skipSpace();
        mday = readInt(2);
        dateParsed = true;
        break;
      case "H":
      case "k":
        skipSpace();
        hour = readInt(2);
        break;
      case "I":
      case "l":
        skipSpace();
        hour = readInt(2);
        break;
      case "M":
        min = readInt(2);
        break;
      case "S":
        sec = readInt(2);
        break;
      case "j":
        readInt(3);
        break;
      case "p": {
        const s = v.slice(pos, pos + 2).toUpperCase();
        if (s === "AM") pm = false;
        else if (s === "PM") pm = true;
        else fail();
        pos += 2;
        break;
      }
      case "a":
      case "A": {
        const m = matchName(v, pos, DAYS);
        if (!m) fail();
        pos += (m as [number, number])[1];
        break;
      }
      case "b":
      case "B":
      case "h": {
        const m = matchName(v, pos, MONTHS);
        if (!m) fail();
        month = (m as [number, number])[0];
        dateParsed = true;
        pos += (m as [number, number])[1];
        break;
      }
      case "s":
        epoch = readInt(20, true);
        break;
      case "z": {
        skipSpace();
        if (v[pos] === "Z") {
          pos++;
          break;
        }
        const sign = v[pos] === "-" ? -1 : v[pos] === "+" ? 1 : fail();
        pos++;
        const hh = Number(v.slice(pos, pos + 2));
        pos += 2;
        if (v[pos] === ":") pos++;
        const mm = Number(v.slice(pos, pos + 2));
        pos += 2;
        if (Number.isNaN(hh) || Number.isNaN(mm)) fail();
        offset = sign * (hh * 60 + mm);
        break;
      }
      case "Z": {
        const m = /^[A-Za-z]+/.exec(v.slice(pos));
        if (m) pos += m[0].length;
        break;
      }
      case "T": {
        hour = readInt(2);
        if (v[pos++] !== ":") fail();
        min = readInt(2);
        if (v[pos++] !== ":") fail();
        sec = readInt(2);
        break;
      }
      case "R": {
        hour = readInt(2);
        if (v[pos++] !== ":") fail();
        min = readInt(2);
        break;
      }
      case "D": {
        dateParsed = true;
        month = readInt(2) - 1;
        if (v[pos++] !== "/") fail();
        mday = readInt(2);
        if (v[pos++] !== "/") fail();
        const y = readInt(2);
        year = y < 69 ? 2000 + y : 1900 + y;
        break;
      }
      case "F": {
        dateParsed = true;
        year = readInt(4, true);
        if (v[pos++] !== "-") fail();
        month = readInt(2) - 1;
        if (v[pos++] !== "-") fail();
        mday = readInt(2);
        break;
      }
      case "n":
      case "t":
        skipSpace();
        break;
      case "%":
        if (v[pos] !== "%") fail();
        pos++;
        break;
      default:
        fail();
    }
  }
  // jq accepts trailing whitespace and reports it as an extra element.
  const rest = v.slice(pos);
  if (rest !== "" && !/^\s/.test(rest)) fail();
  const extra = rest === "" ? [] : [rest];
  if (epoch !== null) return [...gmtime(epoch), ...extra];
  if (pm !== null) hour = (hour % 12) + (pm ? 12 : 0);
  void offset;
  if (!dateParsed) return [year, month, mday, hour, min, sec, 8, 367, ...extra];
  const d = new Date(Date.UTC(2000, month, mday, hour, min, sec));
  d.setUTCFullYear(year);
  return [year, month, mday, hour, min, sec, d.getUTCDay(), dayOfYear(year, month, mday), ...extra];
}

export const DATES: NativeTable = {
  "gmtime/0": fn(gmtime),
  "localtime/0": fn(gmtime),
  "mktime/0": fn(mktime),
  "strftime/1": fn((v, f) => strftime(v, f)),
  "strflocaltime/1": fn((v, f) => strftime(v, f, "strflocaltime/1")),
  "strptime/1": fn(strptime),
  "todate/0": fn((v) => strftime(v, "%Y-%m-%dT%H:%M:%SZ")),
  "todateiso8601/0": fn((v) => strftime(v, "%Y-%m-%dT%H:%M:%SZ")),
  "fromdateiso8601/0": fn((v) => {
    if (typeof v !== "string") throw new JqThrow(`strptime/1 requires string inputs and arguments`);
    return mktime(strptime(v, "%Y-%m-%dT%H:%M:%SZ"));
  }),
  "fromdate/0": fn((v) => {
    if (typeof v !== "string") throw new JqThrow(`strptime/1 requires string inputs and arguments`);
    return mktime(strptime(v, "%Y-%m-%dT%H:%M:%SZ"));
  }),
};
