/**
 * Nothing to check is not compliance (SPEC §2 "Nothing to check is not
 * compliance"): a plan with no portfolio, or whose portfolios have no NAV in
 * the period, passes every rule only because no rule had anything to look at.
 * The check, the report and Compute accruals say so, naming the empty tables,
 * instead of "no errors" or "None in breach".
 */
import { type Day, isoDate } from "./calendar";
import type { Plan } from "./plan";

export interface NothingToCheck {
  /** The tables whose emptiness left nothing to check, in the order the plan is filled in. */
  emptyTables: string[];
  /** Why, without the lead-in: "the Portfolios, Rates, Governance and NetAssets tables are empty". */
  reason: string;
  /** One sentence for a person, starting "Nothing to check". */
  message: string;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Why there is nothing to check over [start, end], or null when some
 * portfolio has a NAV row in it. A NAV row counts only for a portfolio of the
 * `Portfolios` table (rows naming another are ignored by every rule). The
 * other empty plan tables (Rates, Governance) are named too, since those are
 * what the accountant fills in next.
 *
 * @example nothingToCheck(emptyPlan(), { start: -Infinity, end: day("2026-11-30") })
 * // → { emptyTables: ["Portfolios", "Rates", "Governance", "NetAssets"],
 * //     message: "Nothing to check: the Portfolios, Rates, Governance and NetAssets tables are empty. …" }
 */
export function nothingToCheck(
  plan: Plan,
  period: { start: Day; end: Day }
): NothingToCheck | null {
  const known = new Set(plan.portfolios.map((p) => key(p.portfolio)));
  const navInPeriod = plan.netAssets.some(
    (row) => known.has(key(row.portfolio)) && row.date >= period.start && row.date <= period.end
  );
  if (known.size > 0 && navInPeriod) return null;
  const emptyTables = [
    plan.portfolios.length === 0 ? "Portfolios" : null,
    plan.rates.length === 0 ? "Rates" : null,
    plan.governance.length === 0 ? "Governance" : null,
    plan.netAssets.length === 0 ? "NetAssets" : null,
  ].filter((name): name is string => name !== null);
  const span =
    period.start === -Infinity
      ? `on or before ${isoDate(period.end)}`
      : `from ${isoDate(period.start)} to ${isoDate(period.end)}`;
  const reasons: string[] = [];
  if (emptyTables.length > 0)
    reasons.push(
      `the ${list(emptyTables)} table${emptyTables.length === 1 ? " is" : "s are"} empty`
    );
  if (known.size > 0 && plan.netAssets.length > 0)
    reasons.push(`no portfolio of the Portfolios table has a NAV ${span}`);
  const reason = reasons.join("; ");
  return {
    emptyTables,
    reason,
    message: `Nothing to check: ${reason}. No rule of the plan has been applied, so this is not a finding of compliance; fill in Portfolios, Rates, Governance and NetAssets first.`,
  };
}

/** ["a", "b", "c"] → "a, b and c". */
function list(items: readonly string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
