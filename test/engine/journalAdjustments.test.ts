import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { roundCents } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { monthJournal } from "../../src/engine/journal";
import {
  journalFindings,
  journalWithAdjustments,
  parseJournalId,
  postedRow,
  postedRowFindings,
  toPost,
} from "../../src/engine/journalAdjustments";
import { monthPeriod } from "../../src/engine/periods";
import { planAsOf } from "../../src/engine/planAsOf";
import { defaultSettings, emptyPlan, type Plan } from "../../src/engine/plan";
import { buildJournal } from "../../src/workbook/journalRun";
import { d, money, rateRow, vote } from "../support/build";

const ASOF = day("2026-12-31");

/** Growth at .35% from 1 October 2026; the NAV struck on Friday 20 November is `restated`. */
function growth(restated = "100000000"): Plan {
  const plan = emptyPlan();
  plan.portfolios = [defaultSettings("Growth")];
  plan.rates = [rateRow("Growth", "2026-10-01", "0.0035")];
  plan.governance = [vote("2026-10-01", "Approval", "Growth")];
  plan.netAssets = [
    ["2026-09-30", "100000000"],
    ["2026-10-30", "100000000"],
    ["2026-11-20", restated],
    ["2026-11-30", "100000000"],
    ["2026-12-31", "100000000"],
  ].map(([date, netAssets]) => ({
    date: day(date!),
    portfolio: "Growth",
    netAssets: d(netAssets!),
  }));
  return plan;
}

function journalFor(plan: Plan, month: number) {
  const evaluation = evaluatePlan(plan, { asOf: ASOF });
  return {
    portfolios: evaluation.portfolios,
    payments: plan.payments,
    month: monthPeriod(2026, month),
    asOf: ASOF,
  };
}

function postNovember(plan: Plan) {
  const november = monthJournal(journalFor(plan, 11));
  return november.portfolios[0]!.journals.map((j) => postedRow(j, day("2026-12-02")));
}

describe("posted, then adjusted, never rewritten (SPEC §7)", () => {
  it("a NAV restated after November was posted adjusts November by 12.34 in December, citing its ID", () => {
    const posted = postNovember(growth());
    // Prior day: the 20 November close carries the fee for 21–30 November (10 days). Raising it
    // by 128,690.00 adds 128,690 × .0035 × 10 / 365 = 12.3402… to the month's exact total.
    const before = d("100000000").times("0.0035").times(30).dividedBy(365);
    const after = before.plus(d("128690").times("0.0035").times(10).dividedBy(365));
    const change = roundCents(after).minus(roundCents(before));
    expect(money(change)).toBe("12.34");

    const december = journalWithAdjustments(journalFor(growth("100128690"), 12), posted);
    const adjustments = december.portfolios[0]!.adjustments;
    expect(adjustments).toHaveLength(1);
    const adjustment = adjustments[0]!;
    expect(adjustment.journalId).toBe("Growth-2026-11-ACC-ADJ-2026-12");
    expect(adjustment.cites).toBe("Growth-2026-11-ACC");
    expect(adjustment.date).toBe(day("2026-12-31"));
    expect(adjustment.lines.map((l) => [l.account, money(l.debit), money(l.credit)])).toEqual([
      ["12b-1 distribution expense – Class B", money(change), "0.00"],
      ["Distribution fees payable", "0.00", money(change)],
    ]);
  });

  it("a payment recorded late in a posted month is entered in the next open month", () => {
    const posted = postNovember(growth());
    const late = growth();
    late.payments = [
      { date: day("2026-11-20"), portfolio: "Growth", amount: d("29726.03"), reference: "late" },
    ];
    const december = journalWithAdjustments(journalFor(late, 12), posted);
    expect(
      december.portfolios[0]!.adjustments.map((j) => [
        j.journalId,
        money(j.amount),
        j.lines[0]!.account,
      ])
    ).toEqual([["Growth-2026-11-20-PAY-ADJ-2026-12", "29726.03", "Distribution fees payable"]]);
  });

  it("posting twice without a change adds no row and no adjustment", () => {
    const plan = growth();
    const posted = postNovember(plan);
    const november = monthJournal(journalFor(plan, 11)).portfolios[0]!.journals;
    expect(toPost(november, posted)).toEqual([]);
    const december = journalWithAdjustments(journalFor(plan, 12), posted);
    expect(december.portfolios[0]!.adjustments).toEqual([]);
  });

  it("once the adjustment is posted too, the next month adjusts nothing more", () => {
    const restated = growth("100128690");
    const posted = postNovember(growth());
    const december = journalWithAdjustments(journalFor(restated, 12), posted);
    const all = [...posted, ...december.portfolios[0]!.adjustments.map((j) => postedRow(j, ASOF))];
    const january = journalWithAdjustments(
      { ...journalFor(restated, 12), month: monthPeriod(2027, 1), asOf: day("2027-01-31") },
      all
    );
    expect(january.portfolios[0]!.adjustments).toEqual([]);
  });

  it("re-running a posted November shows what was posted and lists the change as pending for December", () => {
    const posted = postNovember(growth());
    // Posted: 100,000,000 × .0035 × 30 / 365 = 28,767.123… → 28,767.12. The 20 November NAV is
    // then restated up by 128,690.00, carrying 21–30 November: + 128,690 × .0035 × 10 / 365.
    const before = roundCents(d("100000000").times("0.0035").times(30).dividedBy(365));
    expect(money(before)).toBe("28767.12");
    const now = roundCents(
      d("100000000")
        .times("0.0035")
        .times(30)
        .dividedBy(365)
        .plus(d("128690").times("0.0035").times(10).dividedBy(365))
    );
    const november = journalWithAdjustments(journalFor(growth("100128690"), 11), posted)
      .portfolios[0]!;
    expect(november.journals.map((j) => [j.journalId, money(j.amount)])).toEqual([
      ["Growth-2026-11-ACC", "28767.12"],
    ]);
    expect(november.adjustments).toEqual([]);
    expect(november.pendingIn).toBe("2026-12");
    expect(november.pending.map((j) => [j.journalId, money(j.amount), j.cites])).toEqual([
      ["Growth-2026-11-ACC-ADJ-2026-12", money(now.minus(before)), "Growth-2026-11-ACC"],
    ]);
    expect(money(now.minus(before))).toBe("12.34");
  });

  it("re-running a posted December keeps its posted adjustment and pends a later change for January", () => {
    const posted = postNovember(growth());
    const december = journalWithAdjustments(journalFor(growth("100128690"), 12), posted);
    const all = [
      ...posted,
      ...december.portfolios[0]!.journals.map((j) => postedRow(j, day("2027-01-02"))),
      ...december.portfolios[0]!.adjustments.map((j) => postedRow(j, day("2027-01-02"))),
    ];
    // Restated again to 100,257,380.00: November's exact fee is now
    // 28,767.123… + 257,380 × .0035 × 10 / 365 = 28,791.80; posted so far 28,767.12 + 12.34.
    const exact = d("100000000")
      .times("0.0035")
      .times(30)
      .dividedBy(365)
      .plus(d("257380").times("0.0035").times(10).dividedBy(365));
    expect(money(roundCents(exact))).toBe("28791.80");
    const rerun = journalWithAdjustments(journalFor(growth("100257380"), 12), all).portfolios[0]!;
    expect(rerun.adjustments.map((j) => [j.journalId, money(j.amount)])).toEqual([
      ["Growth-2026-11-ACC-ADJ-2026-12", "12.34"],
    ]);
    expect(rerun.pendingIn).toBe("2027-01");
    expect(rerun.pending.map((j) => [j.journalId, money(j.amount)])).toEqual([
      ["Growth-2026-11-ACC-ADJ-2027-01", money(roundCents(exact).minus(d("28779.46")))],
    ]);
  });

  it("names a posted row edited by hand and one whose ID rule12b1 never wrote", () => {
    const posted = postNovember(growth()).map((row, index) => ({
      ...row,
      source: { sheet: "Plan", table: "PostedJournals", row: index + 1 },
    }));
    const edited = { ...posted[0]!, amount: posted[0]!.amount.plus(1) };
    const unknown = { ...posted[0]!, journalId: "Gowth-2026-11-ACC" };
    const findings = postedRowFindings([edited, unknown], ["Growth"]);
    expect(findings.map((f) => [f.source?.row, f.source?.column])).toEqual([
      [1, "Amount"],
      [1, "Journal ID"],
    ]);
    expect(findings[0]!.message).toContain("was changed after posting");
    expect(findings[1]!.message).toContain('"Gowth-2026-11-ACC"');
  });

  it("reads back the IDs it writes", () => {
    expect(parseJournalId("Growth-2026-12-05-PAY-2", ["Growth"])).toMatchObject({
      kind: "payment",
      period: "2026-12",
    });
    expect(parseJournalId("Growth-2026-11-03-ACC", ["Growth"])?.byDay).toBe(true);
    expect(parseJournalId("Growth-2026-11-EXC", ["Growth"])?.kind).toBe("excess over the cap");
    expect(parseJournalId("Growth-2026-11-05-EXC", ["Growth"])).toBeNull();
  });

  it("an adjustment into a board-reviewed quarter is an exception in check", () => {
    const posted = postNovember(growth());
    const restated = growth("100128690");
    restated.postedJournals = posted;
    const reviewed = {
      quarter: "2026Q4",
      preparedBy: "",
      reviewedBy: "",
      boardReview: day("2027-01-20"),
      fingerprint: null,
    };
    const rule = (plan: Plan) =>
      evaluatePlan(plan, { asOf: ASOF }).exceptions.filter(
        (e) => e.rule === "journal-adjustment-locked"
      );
    expect(rule(restated)).toEqual([]);
    restated.reviews = [reviewed];
    const found = rule(restated);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("Growth-2026-11-ACC was posted as 28,767.12");
    expect(found[0]!.message).toContain("adjusts it by 12.34");
    // Unchanged figures in a reviewed quarter are no exception.
    const unchanged = growth();
    unchanged.postedJournals = posted;
    unchanged.reviews = [reviewed];
    expect(rule(unchanged)).toEqual([]);
  });

  it("a report speaking as of September leaves out the journals posted for later months", () => {
    const plan = growth();
    plan.postedJournals = postNovember(plan);
    expect(planAsOf(plan, day("2026-09-30")).postedJournals).toEqual([]);
    expect(planAsOf(plan, day("2026-11-30")).postedJournals).toHaveLength(1);
  });
});

describe("Journal IDs are unique across portfolios (SPEC §7)", () => {
  it("refuses portfolios Mid Cap and Mid-Cap, whose IDs would both begin Mid-Cap-2026-11, naming the row", () => {
    const plan = growth();
    plan.portfolios = ["Growth", "Mid Cap", "Mid-Cap"].map((name, index) => ({
      ...defaultSettings(name),
      source: { sheet: "Plan", table: "Portfolios", row: index + 1 },
    }));
    const evaluation = evaluatePlan(plan, { asOf: ASOF });
    const clashes = journalFindings(plan, evaluation.portfolios, ASOF).filter((f) =>
      f.message.includes("same Journal ID prefix")
    );
    expect(clashes.map((f) => [f.rule, f.portfolio, f.source?.row, f.source?.column])).toEqual([
      ["journal-input", "Mid-Cap", 3, "Portfolio"],
    ]);
    expect(clashes[0]!.message).toContain('Portfolios "Mid Cap" and "Mid-Cap"');
    const built = buildJournal(plan, { month: monthPeriod(2026, 11), asOf: ASOF });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems.join(" ")).toMatch(/Plan.*Portfolios.*row 3.*Mid-Cap/);
  });

  it("Mid Cap alone, or beside Mid Caps, writes its journal", () => {
    const plan = growth();
    plan.portfolios = [defaultSettings("Mid Cap"), defaultSettings("Mid Caps")];
    const built = buildJournal(plan, { month: monthPeriod(2026, 11), asOf: ASOF });
    expect(built.ok).toBe(true);
  });
});
