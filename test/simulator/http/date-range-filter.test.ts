import { describe, expect, it } from "vitest";
import { parseDateRangeFilter } from "../../../src/simulator/http/date-range-filter.js";

const times = [
  "2024-01-30T23:59:59Z",
  "2024-01-31T00:00:00Z",
  "2024-01-31T12:00:00Z",
  "2024-02-01T00:00:00Z",
];
const kept = (filter: string) => {
  const predicate = parseDateRangeFilter(filter);
  if (!predicate) throw new Error(`${filter} did not parse`);
  return times.filter(predicate);
};

describe("parseDateRangeFilter (GitHub's created qualifier)", () => {
  it("compares with dates as whole days and with times exactly", () => {
    expect(kept(">=2024-01-31")).toEqual(times.slice(1));
    expect(kept(">2024-01-31")).toEqual(times.slice(3));
    expect(kept("<=2024-01-31")).toEqual(times.slice(0, 3));
    expect(kept("<2024-01-31")).toEqual(times.slice(0, 1));
    expect(kept(">=2024-01-31T12:00:00Z")).toEqual(times.slice(2));
    expect(kept("<2024-01-31T12:00:00Z")).toEqual(times.slice(0, 2));
  });

  it("takes ranges with open ends, and a bare date as that day", () => {
    expect(kept("2024-01-31..2024-01-31")).toEqual(times.slice(1, 3));
    expect(kept("2024-01-31..*")).toEqual(times.slice(1));
    expect(kept("*..2024-01-30")).toEqual(times.slice(0, 1));
    expect(kept("2024-01-31")).toEqual(times.slice(1, 3));
  });

  it("rejects what is not a date qualifier", () => {
    for (const text of ["yesterday", ">=soon", "2024-01-31..later", ""])
      expect(parseDateRangeFilter(text), text).toBeUndefined();
  });
});
