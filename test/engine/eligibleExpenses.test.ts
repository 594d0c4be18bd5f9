import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day, isoDate } from "../../src/engine/calendar";
import { Decimal, ZERO } from "../../src/engine/decimal";
import { eligibleExpenses, notInEffectReason } from "../../src/engine/eligibleExpenses";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import type { InEffectWindow } from "../../src/engine/inEffect";
import { parseQuarter } from "../../src/engine/periods";
import {
  defaultSettings,
  emptyPlan,
  type Expenditure,
  type GovernanceAction,
  type Plan,
  type PlanType,
} from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { statesDistributionPurpose } from "../../src/engine/expenditures";
import { d, money, rateRow } from "../support/build";

function spend(date: string, amount: string, category = "d"): Expenditure {
  return {
    date: day(date),
    portfolio: "Growth",
    category,
    amount: d(amount),
    payee: "Printer",
    description: "",
    source: { table: "Expenditures", row: 1 },
  };
}

function vote(date: string, action: GovernanceAction["action"]): GovernanceAction {
  return {
    date: day(date),
    action,
    portfolio: "Growth",
    trusteesFor: 7,
    trusteesTotal: 9,
    independentFor: 5,
    independentTotal: 6,
    inPerson: true,
    sharesFor: null,
    sharesPresent: null,
    sharesOutstanding: null,
  };
}

// Approved 1 Jan 2026 and never continued: in effect through 31 Dec 2026, lapsed from 1 Jan 2027.
const lapsing: InEffectWindow[] = [
  { start: day("2026-01-01"), end: day("2026-12-31"), endReason: "lapse" },
];
// Terminated on 1 Jul 2026: in effect through 30 June.
const terminated: InEffectWindow[] = [
  { start: day("2026-01-01"), end: day("2026-06-30"), endReason: "termination" },
];

describe("eligible expenses: only spending while the plan is in effect (SPEC §2 'Eligible expenses')", () => {
  it("names why a day is not under the plan: before approval, while lapsed, after termination", () => {
    expect(notInEffectReason(lapsing, day("2025-12-31"))).toBe("before approval");
    expect(notInEffectReason(lapsing, day("2026-01-01"))).toBeNull();
    expect(notInEffectReason(lapsing, day("2026-12-31"))).toBeNull();
    expect(notInEffectReason(lapsing, day("2027-01-01"))).toBe("while lapsed");
    expect(notInEffectReason(terminated, day("2026-07-01"))).toBe("after termination");
    expect(notInEffectReason([], day("2026-07-01"))).toBe("before approval");
  });

  it("lists spending outside the windows apart with a warning, and leaves unclassified rows to the category check", () => {
    const result = eligibleExpenses(
      "Growth",
      [
        spend("2025-11-30", "300000"),
        spend("2026-03-10", "1200"),
        spend("2026-04-01", "50", "z"),
        spend("2027-02-01", "800"),
      ],
      lapsing
    );
    expect(result.eligible.map((e) => money(e.amount))).toEqual(["1200.00"]);
    expect(result.notUnderPlan.map((n) => [isoDate(n.expenditure.date), n.reason])).toEqual([
      ["2025-11-30", "before approval"],
      ["2027-02-01", "while lapsed"],
    ]);
    expect(result.exceptions.map((e) => [e.severity, e.rule, e.message])).toEqual([
      [
        "warning",
        "expenditure-not-under-plan",
        "Growth: expenditure of 300,000.00 on 2025-11-30 to Printer was made before approval, when the plan was not in effect for Growth; it is not an amount expended under the plan (Plan §5) and is not carried forward (Plan §1).",
      ],
      [
        "warning",
        "expenditure-not-under-plan",
        "Growth: expenditure of 800.00 on 2027-02-01 to Printer was made while lapsed, when the plan was not in effect for Growth; it is not an amount expended under the plan (Plan §5) and is not carried forward (Plan §1).",
      ],
    ]);
    expect(result.exceptions[0]!.source).toEqual({ table: "Expenditures", row: 1 });
  });

  it("300,000 spent before the plan's approval is neither carried forward nor paid out of later fees", () => {
    const plan = growthPlan("Reimbursement", [
      spend("2026-05-15", "300000"),
      spend("2026-06-15", "1000"),
    ]);
    const evaluation = evaluatePlan(plan, { asOf: day("2026-08-31") });
    const growth = evaluation.portfolios[0]!;
    // June reimburses the 1,000.00 spent under the plan; nothing is carried into July and August (as of 31 August).
    expect(
      growth.carryforward.map((r) => [
        r.period.label,
        money(r.incurred),
        money(r.paid),
        money(r.closing),
      ])
    ).toEqual([
      ["2026-06", "1000.00", "1000.00", "0.00"],
      ["2026-07", "0.00", "0.00", "0.00"],
      ["2026-08", "0.00", "0.00", "0.00"],
    ]);
    expect(evaluation.exceptions.map((e) => e.rule)).toContain("expenditure-not-under-plan");
    const q2 = quarterlyReport(plan, parseQuarter("2026Q2")!, {
      asOf: evaluation.asOf,
      preparedAt: "now",
    });
    // "Amounts expended under the plan" (Plan §5) are the 1,000.00; the 300,000.00 is listed apart.
    expect(money(q2.expenditureTotals.total)).toBe("1000.00");
    expect(money(q2.expenditureTotals.notUnderPlan)).toBe("300000.00");
  });

  it("spending after a termination is not carried forward", () => {
    const plan = growthPlan("Compensation", [
      spend("2026-06-15", "1000"),
      spend("2026-07-15", "5000"),
    ]);
    plan.governance.push({
      ...vote("2026-07-01", "Termination"),
      trusteesFor: null,
      trusteesTotal: null,
    });
    const evaluation = evaluatePlan(plan, { asOf: day("2026-08-31") });
    const reasons = evaluation.portfolios[0]!.expenses.notUnderPlan.map((n) => n.reason);
    expect(reasons).toEqual(["after termination"]);
    const incurred = evaluation.portfolios[0]!.carryforward.reduce(
      (total, row) => total.plus(row.incurred),
      ZERO
    );
    expect(money(incurred)).toBe("1000.00");
  });

  it("conserves the carryforward with eligible expenses only: opening + eligible − paid = closing, never below 0", () => {
    const spending = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 90_000 })),
      { maxLength: 12 }
    );
    fc.assert(
      fc.property(
        spending,
        fc.constantFrom<PlanType>("Reimbursement", "Compensation"),
        (rows, planType) => {
          // Days 0–240 from 1 May 2026: before the 1 June approval, in effect, and after the 1 Oct termination.
          const expenditures = rows.map(([offset, amount]) =>
            spend(isoDate(day("2026-05-01") + offset), String(amount))
          );
          const plan = growthPlan(planType, expenditures);
          plan.governance.push({
            ...vote("2026-10-01", "Termination"),
            trusteesFor: null,
            trusteesTotal: null,
          });
          const growth = evaluatePlan(plan, { asOf: day("2027-01-31") }).portfolios[0]!;
          const inEffect = (e: Expenditure) =>
            e.date >= day("2026-06-01") && e.date <= day("2026-09-30");
          const eligible = expenditures.filter(inEffect).reduce((t, e) => t.plus(e.amount), ZERO);
          let incurred = ZERO;
          let balance = ZERO;
          for (const row of growth.carryforward) {
            expect(row.opening.equals(balance)).toBe(true);
            expect(row.closing.isNegative()).toBe(false);
            expect(
              row.closing.equals(Decimal.max(ZERO, row.opening.plus(row.incurred).minus(row.paid)))
            ).toBe(true);
            incurred = incurred.plus(row.incurred);
            balance = row.closing;
          }
          expect(money(incurred)).toBe(money(eligible));
        }
      ),
      { numRuns: 40 }
    );
  });
});

/** Growth at .50% on 100,000,000, approved on 1 June 2026, with NAVs through September. */
describe("Other: §2 'including but not limited to' (issue 20)", () => {
  const other = (description: string, amount = "2500") => ({
    ...spend("2026-07-15", amount, "Other"),
    payee: "Expo Hall LLC",
    description,
  });
  const purpose = "Booth at the broker-dealer conference to promote Class B sales";

  it("a Description that states a distribution purpose is required, read conservatively", () => {
    expect(statesDistributionPurpose(purpose)).toBe(true);
    expect(statesDistributionPurpose("Wholesaler roadshow for distribution of Class B")).toBe(true);
    // No purpose word, or too short to say what the money was for: not stated.
    expect(statesDistributionPurpose("Conference")).toBe(false);
    expect(statesDistributionPurpose("Sales")).toBe(false);
    expect(statesDistributionPurpose("Office party for staff")).toBe(false);
    expect(statesDistributionPurpose("")).toBe(false);
  });

  it("a keyword is not a purpose: an explicit phrase naming Class B shares, never negated (review item 6)", () => {
    // Each of these passed the old keyword test (three words and "sales"/"Class B"/"market"/"distribution").
    for (const keyword of [
      "Sales tax on office lease",
      "Transfer agent fees, Class B",
      "Money market sweep fees",
      "Legal review of distribution agreement",
      "Not related to sales",
      "Not related to the sale of Class B shares",
      "Office lease other than for promoting Class B shares",
    ])
      expect(statesDistributionPurpose(keyword), keyword).toBe(false);
    for (const stated of [
      "Seminar to sell Class B shares to prospective investors",
      "Mailing for the distribution of Class B shares",
      "Booth fee, sale of Class B shares",
    ])
      expect(statesDistributionPurpose(stated), stated).toBe(true);
  });

  it("Other with its purpose stated is eligible, carried forward and on Item 19(g)'s Other line", () => {
    // Before issue 20 every Other row was an expenditure-category error and counted nowhere.
    const plan = growthPlan("Compensation", [other(purpose), spend("2026-07-20", "1000", "d")]);
    const evaluation = evaluatePlan(plan, { asOf: day("2026-10-15") });
    expect(evaluation.exceptions.map((e) => e.rule)).not.toContain("expenditure-category");
    expect(evaluation.portfolios[0]!.expenses.eligible.map((e) => money(e.amount))).toEqual([
      "2500.00",
      "1000.00",
    ]);
    const q3 = quarterlyReport(plan, parseQuarter("2026Q3")!, {
      asOf: evaluation.asOf,
      preparedAt: "now",
    });
    // 2,500.00 Other + 1,000.00 (d) = 3,500.00 expended under the plan.
    expect(money(q3.expenditureTotals.amounts.other)).toBe("2500.00");
    expect(money(q3.expenditureTotals.total)).toBe("3500.00");
    const lines = q3.itemNineteen.at(-1)!.lines;
    expect(money(lines.find((l) => l.line === "Other")!.amount)).toBe("2500.00");
    expect(money(lines.find((l) => l.line === "Advertising")!.amount)).toBe("1000.00");
    expect(money(q3.carryforward[0]!.incurred)).toBe("3500.00");
  });

  it("Other without a stated purpose is listed apart with a warning, not counted nor carried forward", () => {
    const plan = growthPlan("Compensation", [other("Misc.")]);
    const evaluation = evaluatePlan(plan, { asOf: day("2026-10-15") });
    const warning = evaluation.exceptions.find((e) => e.rule === "expenditure-other-purpose")!;
    expect(warning.severity).toBe("warning");
    expect(warning.message).toContain(
      'its Description ("Misc.") does not state a distribution purpose'
    );
    expect(evaluation.exceptions.map((e) => e.rule)).not.toContain("expenditure-category");
    expect(evaluation.portfolios[0]!.expenses.notUnderPlan.map((n) => n.reason)).toEqual([
      "no distribution purpose stated",
    ]);
    const q3 = quarterlyReport(plan, parseQuarter("2026Q3")!, {
      asOf: evaluation.asOf,
      preparedAt: "now",
    });
    expect(money(q3.expenditureTotals.total)).toBe("0.00");
    expect(money(q3.expenditureTotals.notUnderPlan)).toBe("2500.00");
  });
});

function growthPlan(planType: PlanType, expenditures: Expenditure[]): Plan {
  const plan = emptyPlan();
  plan.portfolios = [defaultSettings("Growth", { planType })];
  plan.rates = [rateRow("Growth", "2026-06-01", "0.005")];
  plan.governance = [vote("2026-06-01", "Approval")];
  plan.expenditures = expenditures;
  plan.netAssets = ["2026-05-29", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30"].map(
    (date) => ({ date: day(date), portfolio: "Growth", netAssets: d("100000000") })
  );
  return plan;
}
