/**
 * The NAV part of a review-lock fingerprint (see reviewLock.ts) without its
 * 91,300 lines made and sorted: the rows of a trust's NetAssets table stand in
 * the order the lines sort, a portfolio at a time, and are hashed as they
 * stand when that can be shown from the rows themselves (names, dates);
 * otherwise the caller sorts the lines as before.
 */
import { type Day, day, isoDate } from "./calendar";
import { Fnv1a64 } from "./fnv1a64";
import { netAssetsText } from "./money";
import type { Plan } from "./plan";

/**
 * `isoDate`, made once per day: a trust's NAV rows repeat each date once per portfolio.
 *
 * @example isoDates()(day("2026-09-30")) // → "2026-09-30"
 */
export function isoDates(): (d: Day) => string {
  const made = new Map<Day, string>();
  return (d) => {
    let text = made.get(d);
    if (text === undefined) made.set(d, (text = isoDate(d)));
    return text;
  };
}

/**
 * `text.trim().toLowerCase()`, kept for the last text seen: rows come grouped by portfolio.
 *
 * @example names()(" Growth ") // → "growth"
 */
export function names(): (text: string) => string {
  let lastText: string | null = null;
  let lastName = "";
  return (text) => {
    if (text !== lastText) {
      lastText = text;
      lastName = text.trim().toLowerCase();
    }
    return lastName;
  };
}

/** One portfolio's NAV lines in the order they sort: the name they start with, each row's day and texts. */
export interface NavLines {
  /** The portfolio as the lines write it (trimmed, lower case). */
  name: string;
  days: Day[];
  /** Each row's date as the line writes it (`isoDate`). */
  dates: string[];
  /** Each row's amount as the line writes it (`toFixed(2)`). */
  amounts: string[];
}

/** Days whose ISO dates all have one width ("YYYY-MM-DD", no sign): they sort as text as they do as days. */
const FIRST_FOUR_DIGIT_DAY = day("1000-01-01");
const LAST_FOUR_DIGIT_DAY = day("9999-12-31");

/**
 * The NAV part's lines (`name|date|amount`, every row dated on or before `end`) in the order
 * `sort()` puts them, without making or sorting them: a trust's rows stand in that order
 * already, a portfolio at a time. Lines of two portfolios differ within `name + "|"` when no
 * name holds a "|", so portfolios sort as those texts do; a portfolio's lines sort as its rows
 * stand when its dates rise strictly (one width of ISO date sorts as the days do). Null when
 * either fails — a name with "|", a date repeated or out of order — and the lines are sorted.
 *
 * @example navLinesInOrder(plan.netAssets, day("2026-09-30")) // → [{ name: "bond", days, dates, amounts }, { name: "growth", … }]
 */
export function navLinesInOrder(rows: Plan["netAssets"], end: Day): NavLines[] | null {
  const name = names();
  const dateText = isoDates();
  const byName = new Map<string, NavLines>();
  let group: NavLines | undefined;
  for (const row of rows) {
    const d = row.date;
    if (d > end) continue;
    const portfolio = name(row.portfolio);
    if (group?.name !== portfolio) {
      group = byName.get(portfolio);
      if (group === undefined) {
        if (portfolio.includes("|")) return null;
        group = { name: portfolio, days: [], dates: [], amounts: [] };
        byName.set(portfolio, group);
      }
    }
    const last = group.days.length === 0 ? FIRST_FOUR_DIGIT_DAY - 1 : group.days.at(-1)!;
    if (!(d > last && d <= LAST_FOUR_DIGIT_DAY && Number.isInteger(d))) return null;
    group.days.push(d);
    group.dates.push(dateText(d));
    group.amounts.push(netAssetsText(row));
  }
  return [...byName.values()].sort((a, b) => {
    const left = `${a.name}|`;
    const right = `${b.name}|`;
    return left < right ? -1 : left > right ? 1 : 0;
  });
}

/**
 * `fnv1a64Lines` of the NAV lines dated on or before `end`, from `navLinesInOrder`'s portfolios.
 *
 * @example navHash(navLinesInOrder(plan.netAssets, q3.end)!, q3.end) // → "1a3d24f53e4ed8af"
 */
export function navHash(portfolios: readonly NavLines[], end: Day): string {
  const hash = new Fnv1a64();
  let first = true;
  for (const { name, days, dates, amounts } of portfolios) {
    for (let index = 0; index < days.length && days[index]! <= end; index += 1) {
      if (!first) hash.add("\n");
      first = false;
      hash.add(name).add("|").add(dates[index]!).add("|").add(amounts[index]!);
    }
  }
  return hash.hex();
}

/**
 * `navHash(navLinesInOrder(rows, end)!, end)` in one pass with nothing kept, when the table
 * holds its portfolios one after another in the order their lines sort (a trust's NetAssets
 * table usually does): each row is hashed as it is read. Null when a portfolio's name holds "|"
 * or does not sort after the portfolio above it (so also when its rows are not together), or
 * its dates do not rise strictly in four-digit years: the caller then takes `navLinesInOrder`.
 *
 * @example navHashInTableOrder(plan.netAssets, day("2026-09-30")) // → "1a3d24f53e4ed8af"
 */
export function navHashInTableOrder(rows: Plan["netAssets"], end: Day): string | null {
  const name = names();
  const dateText = isoDates();
  const hash = new Fnv1a64();
  let portfolio: string | null = null;
  let portfolioKey = "";
  let lastDay = 0;
  for (const row of rows) {
    const d = row.date;
    if (d > end) continue;
    const rowName = name(row.portfolio);
    if (rowName !== portfolio) {
      // Every line of the next portfolio sorts after every line hashed so far.
      const key = `${rowName}|`;
      if (rowName.includes("|") || (portfolio !== null && !(key > portfolioKey))) return null;
      if (portfolio !== null) hash.add("\n");
      portfolio = rowName;
      portfolioKey = key;
      lastDay = FIRST_FOUR_DIGIT_DAY - 1;
    } else hash.add("\n");
    if (!(d > lastDay && d <= LAST_FOUR_DIGIT_DAY && Number.isInteger(d))) return null;
    lastDay = d;
    hash.add(portfolioKey).add(dateText(d)).add("|").add(netAssetsText(row));
  }
  return hash.hex();
}
