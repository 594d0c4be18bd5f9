/**
 * Payees of plan money need agreements in force (Plan §7: "All agreements with
 * any person relating to implementation of this Plan … shall be in writing";
 * §3: approved "together with any related agreements"; SPEC §2 "Agreements").
 * Payments to intermediaries, broker-dealers, sales personnel and account
 * servicers — categories (c), (h), (i), or `Other` paying one — and any payment to a counterparty of
 * the `Agreements` table are made under a related agreement, so one must be
 * in force with that payee, for that portfolio, on that date. The
 * distributor's own vendors (printers, advertising, seminar venues) in the
 * other categories are paid by the distributor and need none.
 */
import { isoDate } from "./calendar";
import { isAgreementActive } from "./agreements";
import { exception, type PlanException } from "./exceptions";
import { ALL_PORTFOLIOS, type Agreement, type Expenditure, type GovernanceAction } from "./plan";

/** Categories paid to others under related agreements (Plan §2 (c), (h), (i)). */
export const AGREEMENT_CATEGORIES: readonly string[] = ["c", "h", "i"];

const name = (text: string) => text.trim().toLowerCase();

// An `Other` payment that is in substance (c), (h) or (i) — to a broker-dealer or intermediary,
// or a commission, trail or servicing fee — is made under a related agreement all the same
// (review item 6: a broker-dealer payment entered as Other skipped the check). Read from the
// Payee's own name and the Description's words for what was paid, not from a mere mention
// ("Booth at the broker-dealer conference" pays the venue, not a broker).
const INTERMEDIARY_PAYEE = /\b(?:broker\w*|dealers?|securities|intermediar\w*)\b/i;
const INTERMEDIARY_PAYMENT =
  /\b(?:commissions?|trails?|servic(?:e|ing)\s+fees?|compensation\s+to\s+(?:broker\w*|dealers?|intermediar\w*|sales\s+personnel))\b/i;

/** Whether an `Other` expenditure pays an intermediary, so needs an agreement as (c)/(h)/(i) do. */
export function paysIntermediary(expenditure: Pick<Expenditure, "payee" | "description">): boolean {
  return (
    INTERMEDIARY_PAYEE.test(expenditure.payee) || INTERMEDIARY_PAYMENT.test(expenditure.description)
  );
}

/** "(c)", "C)", " c " → "c": categories are typed loosely (see `expenditures.ts`). */
function letter(category: string): string {
  return name(category).replace(/[()]/g, "").trim();
}

/**
 * One 'payee-without-agreement' error per expenditure that needs an agreement
 * and has none in force: matched by the expenditure's `Agreement` cell when it
 * is filled in (the named agreement must be in force for the portfolio on the
 * date, and its counterparty must be the payee: SPEC §2 "a payee must be the
 * counterparty of the agreement it is paid under"), otherwise by Payee =
 * Counterparty (ignoring case and surrounding spaces). An agreement applies to its portfolio or, naming `All`, to every one.
 *
 * @example
 * payeeFindings([{ date: day("2026-04-15"), portfolio: "Growth", category: "i", amount: d("1000"),
 *   payee: "Harbor Life Insurance Co.", description: "" }], [servicingAssigned20260331], governance)
 * // → [{ rule: "payee-without-agreement", message: "Payment of 1,000.00 to Harbor Life Insurance Co. for Growth on 2026-04-15: …" }]
 */
export function payeeFindings(
  expenditures: readonly Expenditure[],
  agreements: readonly Agreement[],
  governance: readonly GovernanceAction[]
): PlanException[] {
  const counterparties = new Set(agreements.map((a) => name(a.counterparty)).filter(Boolean));
  const findings: PlanException[] = [];
  for (const expenditure of expenditures) {
    const payee = name(expenditure.payee);
    const named = name(expenditure.agreement ?? "");
    const needs =
      AGREEMENT_CATEGORIES.includes(letter(expenditure.category)) ||
      (letter(expenditure.category) === "other" && paysIntermediary(expenditure)) ||
      counterparties.has(payee) ||
      named !== "";
    if (!needs) continue;
    const forPortfolio = agreements.filter(
      (a) =>
        name(a.portfolio) === name(ALL_PORTFOLIOS) ||
        name(a.portfolio) === name(expenditure.portfolio)
    );
    const candidates =
      named !== ""
        ? forPortfolio.filter((a) => name(a.agreement) === named)
        : forPortfolio.filter((a) => name(a.counterparty) === payee);
    const inForce = candidates.filter((a) => isAgreementActive(a, expenditure.date, governance));
    // SPEC §2 "Agreements": the payee must be a party to the agreement it is paid under, so
    // naming another firm's agreement (the distributor's) does not cover a broker's payment.
    const withPayee = inForce.filter((a) => name(a.counterparty) === payee);
    if (withPayee.length > 0) continue;
    const who = expenditure.payee.trim() || "(no payee)";
    const under =
      named !== "" && inForce.length > 0
        ? `the agreement "${expenditure.agreement!.trim()}" named for it is with ${counterpartiesOf(inForce)}, not with ${who}, and a payee must be the counterparty of the agreement it is paid under`
        : named !== ""
          ? `the agreement "${expenditure.agreement!.trim()}" named for it is not in force for ${expenditure.portfolio} on that date`
          : candidates.length > 0
            ? `no agreement with ${who} is in force for ${expenditure.portfolio} on that date (ended, assigned, not yet approved or without a §3 vote)`
            : `no agreement with ${who} for ${expenditure.portfolio} is in the Agreements table`;
    findings.push(
      exception(
        "error",
        "payee-without-agreement",
        `Payment of ${money(expenditure.amount.toFixed(2))} to ${who} for ${expenditure.portfolio} on ${isoDate(expenditure.date)}, category ${letter(expenditure.category) === "other" ? "Other" : `(${letter(expenditure.category)})`}: ${under}; Plan §7 requires payments implementing the plan to be made under a written agreement in force, approved under §3.`,
        {
          portfolio: expenditure.portfolio,
          date: expenditure.date,
          ...(expenditure.source ? { source: { ...expenditure.source, column: "Payee" } } : {}),
        }
      )
    );
  }
  return findings;
}

/** The counterparties of `agreements`, in the sheet's spelling: "Acme Fund Distributors, Inc." or "A or B". */
function counterpartiesOf(agreements: readonly Agreement[]): string {
  const names = [...new Set(agreements.map((a) => a.counterparty.trim() || "(no counterparty)"))];
  return names.join(" or ");
}

/** "829772.27" → "829,772.27". */
function money(fixed: string): string {
  const [whole = "0", fraction] = fixed.split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
}
