/**
 * Words for a board (SPEC §5 "Words for a board"): plan sections rather than
 * the product's own spec, amounts with thousands separators, the quarter
 * written one way (`2026 Q3`), and a finding's table row said once, plainly,
 * in a Source column. The engine's messages are the compliance check's; the
 * report reads them through these helpers.
 */
import { civilFromDay, type Day } from "../engine/calendar";
import type { RuleId, SourceRef } from "../engine/exceptions";
import { RULES } from "../engine/exceptions";
import { MONTH_NAMES as MONTHS } from "../engine/periods";

/**
 * A date as a sentence for people says it (SPEC §5, 2026-12-06: "30 September
 * 2026", never 2026-09-30). `longDate(day("2026-09-30"))` → "30 September 2026".
 */
export function longDate(value: Day): string {
  const { year, month, day } = civilFromDay(value);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A date short enough for a column header: `shortDate(day("2026-11-28"))` → "28 Nov 2026". */
export function shortDate(value: Day): string {
  const { year, month, day } = civilFromDay(value);
  return `${day} ${MONTHS[month - 1]!.slice(0, 3)} ${year}`;
}

/**
 * The prepared-at stamp in words: the runner's and the pane's
 * "2026-11-28 09:00 UTC" → "28 November 2026, 09:00 UTC"; any other text
 * (a stamp the caller wrote) is kept as given.
 */
export function preparedAtText(stamp: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}:\d{2})(.*)$/.exec(stamp.trim());
  if (!match) return stamp;
  const [, year, month, dayOfMonth, time, zone] = match;
  const monthName = MONTHS[Number(month) - 1];
  if (!monthName || Number(dayOfMonth) < 1 || Number(dayOfMonth) > 31) return stamp;
  return `${Number(dayOfMonth)} ${monthName} ${year}, ${time}${zone}`;
}

/**
 * ISO dates inside an engine sentence written for people:
 * `datesInWords("nothing was paid by 2026-10-31")` → "nothing was paid by 31 October 2026".
 */
export function datesInWords(text: string): string {
  return text.replace(
    /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    (whole, year: string, month: string, d: string) => {
      const monthName = MONTHS[Number(month) - 1];
      return monthName && Number(d) >= 1 && Number(d) <= 31
        ? `${Number(d)} ${monthName} ${year}`
        : whole;
    }
  );
}

/** `quarterText("2026Q3")` → "2026 Q3". */
export function quarterText(label: string): string {
  return label.replace(/^(\d{4})-?Q([1-4])$/, "$1 Q$2");
}

/** `moneyText(1234567.5)` → "1,234,567.50"; negative amounts keep their sign. */
export function moneyText(value: number | { toNumber(): number }): string {
  const n = typeof value === "number" ? value : value.toNumber();
  return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Sections of the rules the plan text does not number: where the plan says it. */
const PLAN_SECTION: Partial<Record<RuleId, string>> = {
  input: "Plan §1",
  "nav-missing-opening": "Plan §1",
  "nav-duplicate-date": "Plan §1",
  "nav-unsorted": "Plan §1",
  "nav-negative": "Plan §1",
  "nav-gap": "Plan §1",
  "unknown-portfolio": "Plan §1",
  "locked-quarter-edited": "Plan §5",
};

/** The plan section a finding rests on: `planSection("nav-gap")` → "Plan §1". */
export function planSection(rule: RuleId): string {
  const section = RULES[rule]?.section ?? "";
  return section.startsWith("Plan") ? section : (PLAN_SECTION[rule] ?? "Plan §1");
}

/**
 * A finding's message in the report's words: amounts grouped by thousands,
 * quarters as `2026 Q3`, dates in words ("31 October 2026"), "SPEC §n" as
 * the plan section, no table locator (the Source column says where).
 *
 * `boardMessage("fees of 186405.38 in quarter 2026Q3 (SPEC §2)")` → "fees of 186,405.38 in quarter 2026 Q3 (Plan §1)"
 */
export function boardMessage(message: string): string {
  return datesInWords(
    message
      .replace(/\s*\[(sheet|table) [^\]]*\]/g, "")
      .replace(/\bSPEC §\d+(\.\d+)?/g, "Plan §1")
      .replace(/\bplan year plan year\b/g, "plan year")
      // "no NAV before 1 Dec, so nothing accrues for it" is about that day, not the portfolio.
      .replace(/, so nothing accrues for it;/g, ", so nothing accrues for that day;")
      .replace(/\b(\d{4})-?Q([1-4])\b/g, "$1 Q$2")
      .replace(
        /(^|[^\d.,])(-?\d{4,})(\.\d{2})(?!\d)/g,
        (_, lead: string, whole: string, cents: string) => {
          const sign = whole.startsWith("-") ? "-" : "";
          const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
          return `${lead}${sign}${digits}${cents}`;
        }
      )
  );
}

/**
 * Where a finding comes from, in plain words: `sourceText({ sheet: "Plan",
 * table: "Agreements", row: 3 })` → "Plan sheet, Agreements table, row 3".
 */
export function sourceText(source: SourceRef | undefined): string {
  if (!source) return "";
  const parts = [
    ...(source.sheet ? [`${source.sheet} sheet`] : []),
    `${source.table} table`,
    ...(source.row !== undefined ? [`row ${source.row}`] : []),
    ...(source.column !== undefined ? [`column ${source.column}`] : []),
    ...(source.address !== undefined ? [`cell ${source.address}`] : []),
  ];
  return parts.join(", ");
}

/** Excel header/footer text: a literal `&` doubled so it is not read as a code (`"R&D"` → `"R&&D"`). */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, "&&");
}

/**
 * One header/footer section in a font size: the size code, then a space when
 * the text starts with a digit, so `&8` and "12b-1" are not read as size 812.
 *
 * `sizedSection(8, "12b-1 Report")` → "&8 12b-1 Report"
 */
export function sizedSection(points: number, text: string): string {
  const escaped = headerFooterText(text);
  return `&${points}${/^\d/.test(escaped) ? " " : ""}${escaped}`;
}
