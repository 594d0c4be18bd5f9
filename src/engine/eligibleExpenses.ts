/**
 * Eligible expenses (SPEC §2 "Eligible expenses"): which expenditures are
 * "amounts expended under the plan" (Plan §5) and may be carried forward and
 * paid later (Plan §1, "expenses borne in the past … as to which no
 * Distribution Fee was paid on account of such limitation"). Only spending on
 * a day the plan is in effect for the portfolio, in a category (a)–(i) — or
 * `Other` with its distribution purpose stated in the Description (§2
 * "including but not limited to") — counts; the rest is listed apart as "not
 * under the plan".
 */
import { type Day, isoDate } from "./calendar";
import { exception, type PlanException } from "./exceptions";
import { normalizeCategory, statesDistributionPurpose } from "./expenditures";
import type { InEffectWindow } from "./inEffect";
import { formatMoney } from "./money";
import type { Expenditure } from "./plan";

/** Why an expenditure is not under the plan: the plan was not in effect for its portfolio that day. */
export type NotUnderPlanReason =
  "before approval" | "while lapsed" | "after termination" | "no distribution purpose stated";

export interface NotUnderPlan {
  expenditure: Expenditure;
  reason: NotUnderPlanReason;
}

export interface EligibleExpenses {
  /** In effect on its date and in a category (a)–(i), in table order. */
  eligible: Expenditure[];
  /** Spent on a day the plan was not in effect, in table order. */
  notUnderPlan: NotUnderPlan[];
  /** One `expenditure-not-under-plan` warning per row of `notUnderPlan`. */
  exceptions: PlanException[];
}

/**
 * Why the plan was not in effect on `d`, or null when it was. Before the
 * first window: not yet approved (or not yet effective); in a gap or after
 * the last window: whatever ended the window before it (a §4 lapse or a §6
 * termination).
 *
 * @example notInEffectReason([{ start: day("2025-08-15"), end: day("2026-08-14"), endReason: "lapse" }], day("2026-09-01")) // → "while lapsed"
 */
export function notInEffectReason(
  windows: readonly InEffectWindow[],
  d: Day
): NotUnderPlanReason | null {
  let previous: InEffectWindow | null = null;
  for (const window of windows) {
    if (d < window.start) break;
    if (window.end === null || d <= window.end) return null;
    previous = window;
  }
  if (previous === null) return "before approval";
  return previous.endReason === "termination" ? "after termination" : "while lapsed";
}

/**
 * Splits one portfolio's expenditures into those under the plan and those
 * not. Rows whose category is not (a)–(i) are in neither list: they are the
 * `expenditure-category` error of `summarizeExpenditures` and count nowhere
 * until classified.
 *
 * @example
 * // Approved 2025-08-15, never continued: 300,000 spent on 2025-06-01 is "before approval",
 * // 1,200 on 2026-07-15 is eligible, 800 on 2026-09-01 is "while lapsed".
 * eligibleExpenses("Growth", [spend("2025-06-01", "300000"), spend("2026-07-15", "1200"), spend("2026-09-01", "800")], windows)
 * // → eligible [1,200.00]; notUnderPlan [before approval 300,000.00, while lapsed 800.00]; two warnings
 */
export function eligibleExpenses(
  portfolio: string,
  expenditures: readonly Expenditure[],
  windows: readonly InEffectWindow[]
): EligibleExpenses {
  const eligible: Expenditure[] = [];
  const notUnderPlan: NotUnderPlan[] = [];
  const exceptions: PlanException[] = [];
  for (const row of expenditures) {
    const category = normalizeCategory(row.category);
    if (category === null) continue;
    if (category === "other" && !statesDistributionPurpose(row.description)) {
      // SPEC §2: an expense outside (a)–(i) is under the plan only if its purpose is written down.
      notUnderPlan.push({ expenditure: row, reason: "no distribution purpose stated" });
      exceptions.push(
        exception(
          "warning",
          "expenditure-other-purpose",
          `${portfolio}: expenditure of ${formatMoney(row.amount)} on ${isoDate(row.date)}${row.payee ? ` to ${row.payee}` : ""} is in category Other, but its Description ${row.description.trim() ? `("${row.description.trim()}") does not state` : "is blank and does not state"} a distribution purpose; Plan §2 pays only for activities or expenses primarily intended to result in the sale of Class B shares, so it is listed apart, not counted as expended under the plan (Plan §5) nor carried forward (Plan §1). Say in the Description, in a few words, how it promotes the sale of Class B shares.`,
          {
            portfolio,
            date: row.date,
            ...(row.source ? { source: { ...row.source, column: "Description" } } : {}),
          }
        )
      );
      continue;
    }
    const reason = notInEffectReason(windows, row.date);
    if (reason === null) {
      eligible.push(row);
      continue;
    }
    notUnderPlan.push({ expenditure: row, reason });
    exceptions.push(
      exception(
        "warning",
        "expenditure-not-under-plan",
        `${portfolio}: expenditure of ${formatMoney(row.amount)} on ${isoDate(row.date)}${row.payee ? ` to ${row.payee}` : ""} was made ${reason}, when the plan was not in effect for ${portfolio}; it is not an amount expended under the plan (Plan §5) and is not carried forward (Plan §1).`,
        { portfolio, date: row.date, ...(row.source ? { source: row.source } : {}) }
      )
    );
  }
  return { eligible, notUnderPlan, exceptions };
}
