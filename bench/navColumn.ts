/** A deterministic NAV column for benchmarks: weekdays from 1950, a seeded random walk around 100 million dollars. */
import { day, weekday } from "../src/engine/calendar";

export interface NavColumn {
  dates: Float64Array;
  netAssetsCents: Float64Array;
  /** The same net assets as Excel would hand them over: doubles in dollars. */
  netAssetsDollars: Float64Array;
}

/** Mulberry32: tiny, seeded, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function navColumn(rows: number, seed = 12): NavColumn {
  const random = seededRandom(seed);
  const dates = new Float64Array(rows);
  const netAssetsCents = new Float64Array(rows);
  const netAssetsDollars = new Float64Array(rows);
  let date = day("1950-01-02");
  let cents = 10_000_000_000;
  for (let index = 0; index < rows; index += 1) {
    while (weekday(date) === 0 || weekday(date) === 6) date += 1;
    dates[index] = date;
    cents = Math.max(100_000_00, Math.round(cents * (1 + (random() - 0.5) * 0.02)));
    netAssetsCents[index] = cents;
    netAssetsDollars[index] = cents / 100;
    date += 1;
  }
  return { dates, netAssetsCents, netAssetsDollars };
}
