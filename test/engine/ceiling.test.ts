import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { ceilingFor, maximumUnderCeiling } from "../../src/engine/ceiling";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { parseQuarter } from "../../src/engine/periods";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import {
  defaultSettings,
  emptyPlan,
  type GovernanceAction,
  type Plan,
} from "../../src/engine/plan";
import { money, navs, rateRow, vote } from "../support/build";

// 36,500,000 every day of 2025 (365 days): a day's fee at rate r is 100,000,000 × r.
const NET_ASSETS = 36_500_000;
const shares = (sharesFor: number, sharesPresent: number, sharesOutstanding: number) => ({
  sharesFor: new Decimal(sharesFor),
  sharesPresent: new Decimal(sharesPresent),
  sharesOutstanding: new Decimal(sharesOutstanding),
});
const growth = defaultSettings("Growth", { maxAnnualRate: new Decimal("0.0075") });

function plan(governance: GovernanceAction[]): Plan {
  const netAssets = [];
  for (let d = day("2024-12-31"); d <= day("2025-03-31"); d += 1)
    netAssets.push({ date: d, portfolio: "Growth", netAssets: new Decimal(NET_ASSETS) });
  return {
    ...emptyPlan(),
    portfolios: [growth],
    rates: [
      rateRow("Growth", "2025-01-01", "0.0025"),
      // .70% from 1 March, set by the amendment's own board vote.
      rateRow("Growth", "2025-03-01", "0.007"),
    ],
    governance: [vote("2025-01-01", "Approval", "All"), ...governance],
    netAssets,
  };
}
const errors = (evaluation: ReturnType<typeof evaluatePlan>) =>
  evaluation.exceptions
    .filter((e) => e.severity === "error" && e.rule !== "payment-overdue")
    .map((e) => e.rule)
    .sort();
const march = (evaluation: ReturnType<typeof evaluatePlan>) =>
  money(
    evaluation.portfolios[0]!.accrual!.months.find((m) => m.period.label === "2025-03")!.booked
  );

describe("the .50% ceiling and §8 amendments", () => {
  it("a ceiling of .75% holds from an Amendment with 5,200,000 of 10,000,000 Class B shares for and a §3 board vote", () => {
    // 5,200,000 of 9,000,000 present is below 67% (6,030,000), but more than half of the
    // 10,000,000 outstanding (5,000,000): §2(a)(42) test (B) carries it.
    const amendment = vote(
      "2025-03-01",
      "Amendment",
      "Growth",
      shares(5_200_000, 9_000_000, 10_000_000)
    );
    const evaluation = evaluatePlan(plan([amendment]), { asOf: day("2025-03-31") });
    expect(errors(evaluation)).toEqual([]);
    expect(evaluation.portfolios[0]!.settings.maxAnnualRate.toString()).toBe("0.0075");
    // March at .70%: 31 × 700.00 = 21,700.00, under the maximum of 31 × 750.00 = 23,250.00.
    expect(march(evaluation)).toBe((31 * 700).toFixed(2));
    const marchCap = evaluation.portfolios[0]!.capTests.find((t) => t.period.label === "2025-03")!;
    expect(money(marchCap.maximum)).toBe((31 * 750).toFixed(2));
  });

  it("4,000,000 for of 6,000,000 present (10,000,000 outstanding) fails: an error, and the ceiling stays .50%", () => {
    // 67% of 6,000,000 present = 4,020,000 > 4,000,000; 4,000,000 is not more than 5,000,000.
    const amendment = vote(
      "2025-03-01",
      "Amendment",
      "Growth",
      shares(4_000_000, 6_000_000, 10_000_000)
    );
    const evaluation = evaluatePlan(plan([amendment]), { asOf: day("2025-03-31") });
    expect(errors(evaluation)).toEqual([
      "ceiling-not-approved",
      "rate-above-cap",
      "shareholder-vote-failed",
    ]);
    const failed = evaluation.exceptions.find((e) => e.rule === "shareholder-vote-failed")!;
    expect(failed.message).toContain(
      "4,000,000 for is less than 67% of the 6,000,000 present (4,020,000)"
    );
    expect(evaluation.portfolios[0]!.settings.maxAnnualRate.toString()).toBe("0.005");
    // The .70% rate is refused: March stays at .25%, 31 × 250.00; the cap is .50%, 31 × 500.00.
    expect(march(evaluation)).toBe((31 * 250).toFixed(2));
    const marchCap = evaluation.portfolios[0]!.capTests.find((t) => t.period.label === "2025-03")!;
    expect(money(marchCap.maximum)).toBe((31 * 500).toFixed(2));
  });

  it("a Max annual rate above .50% with no vote at all is an error naming the portfolio and §8", () => {
    const ceiling = ceilingFor(growth, []);
    expect(ceiling.maxAnnualRate.toString()).toBe("0.005");
    expect(ceiling.exceptions.map((e) => e.rule)).toEqual(["ceiling-not-approved"]);
    expect(ceiling.exceptions[0]!.message).toContain(
      "Growth: Max annual rate 0.75% is above the plan's .50%"
    );
    expect(ceiling.exceptions[0]!.message).toContain("(Plan §8)");
  });

  it("the Class B vote must be of that portfolio: an Amendment naming All does not raise it", () => {
    const amendment = vote(
      "2025-03-01",
      "Amendment",
      "All",
      shares(9_000_000, 9_000_000, 10_000_000)
    );
    expect(ceilingFor(growth, [amendment]).maxAnnualRate.toString()).toBe("0.005");
  });

  it("shares alone are not enough: the amendment also needs its §3 board vote in person", () => {
    const amendment = vote("2025-03-01", "Amendment", "Growth", {
      ...shares(9_000_000, 9_000_000, 10_000_000),
      inPerson: false,
    });
    expect(ceilingFor(growth, [amendment]).maxAnnualRate.toString()).toBe("0.005");
  });

  it("a ceiling at or below .50% holds as typed with no vote", () => {
    const lower = defaultSettings("Growth", { maxAnnualRate: new Decimal("0.004") });
    expect(ceilingFor(lower, [])).toEqual({
      maxAnnualRate: new Decimal("0.004"),
      from: null,
      exceptions: [],
    });
  });

  it("the maximum counts the days before the amendment at .50% and from it at the raised ceiling", () => {
    // 1 March at .50%: 36,500,000 × .005 / 365 = 500.00; 2–31 March at .75%: 30 × 750.00.
    const series = navs(["2025-02-28", NET_ASSETS]);
    const { maximum } = maximumUnderCeiling(
      { series, timing: "Same day", start: day("2025-03-01"), end: day("2025-03-31") },
      { maxAnnualRate: new Decimal("0.0075"), from: day("2025-03-02"), exceptions: [] }
    );
    expect(money(maximum)).toBe((500 + 30 * 750).toFixed(2));
  });

  it("the quarter's maximum in the report splits at the amendment's date, as the cap test does", () => {
    const amendment = vote(
      "2025-03-01",
      "Amendment",
      "Growth",
      shares(5_200_000, 9_000_000, 10_000_000)
    );
    const trust = plan([amendment]);
    const report = quarterlyReport(trust, parseQuarter("2025Q1")!, {
      asOf: day("2025-03-31"),
      preparedAt: "now",
    });
    // January and February at .50%: 59 × 500.00; March at .75%: 31 × 750.00 → 52,750.00.
    expect(money(report.portfolios[0]!.maximumAllowable)).toBe((59 * 500 + 31 * 750).toFixed(2));
  });

  describe("§8 votes at separate meetings (issue 20 item 4)", () => {
    // The board approves .75% for All on 2025-05-20, in person, and sets Growth's rate at .70%
    // the same day; Growth's Class B holders approve the amendment on 2025-06-20 at their own
    // meeting, a row with share counts only. 36,500,000 a day: a day at rate r is 36,500,000 × r / 365 — .25% → 250.00, .50% → 500.00, .70% → 700.00, .75% → 750.00.
    const boardVote = vote("2025-05-20", "Amendment", "All");
    const classB = vote("2025-06-20", "Amendment", "Growth", {
      trusteesFor: null,
      trusteesTotal: null,
      independentFor: null,
      independentTotal: null,
      inPerson: null,
      // 5,200,000 of 10,000,000 outstanding is more than half (§2(a)(42) test B).
      ...shares(5_200_000, 5_200_000, 10_000_000),
    });
    function twoMeetings(governance: GovernanceAction[]): Plan {
      const netAssets = [];
      for (let d = day("2024-12-31"); d <= day("2025-06-30"); d += 1)
        netAssets.push({ date: d, portfolio: "Growth", netAssets: new Decimal(NET_ASSETS) });
      return {
        ...emptyPlan(),
        portfolios: [growth],
        rates: [
          rateRow("Growth", "2025-01-01", "0.0025"),
          rateRow("Growth", "2025-05-20", "0.007"),
        ],
        governance: [vote("2025-01-01", "Approval", "All"), ...governance],
        netAssets,
      };
    }

    it("the ceiling holds from the later vote, and the portfolio accrues the .70% the board set from that day", () => {
      const evaluation = evaluatePlan(twoMeetings([boardVote, classB]), {
        asOf: day("2025-06-30"),
      });
      // Before issue 20: ceiling-not-approved, approval-invalid (the shares-only row) and rate-above-cap.
      expect(errors(evaluation)).toEqual([]);
      const ceiling = evaluation.portfolios[0]!.ceiling;
      expect(ceiling.maxAnnualRate.toString()).toBe("0.0075");
      expect(ceiling.from).toBe(day("2025-06-20"));
      const june = evaluation.portfolios[0]!.accrual!.months.find(
        (m) => m.period.label === "2025-06"
      )!;
      // 1–19 June at .25% (19 × 250.00) and 20–30 June at .70% (11 × 700.00) = 4,750.00 + 7,700.00.
      expect(money(june.booked)).toBe((19 * 250 + 11 * 700).toFixed(2));
      expect(money(june.booked)).toBe("12450.00");
      // The cap splits at the same day: 19 × 500.00 + 11 × 750.00 = 17,750.00.
      const juneCap = evaluation.portfolios[0]!.capTests.find((t) => t.period.label === "2025-06")!;
      expect(money(juneCap.maximum)).toBe("17750.00");
    });

    it("the order of the meetings does not matter: shareholders first, board later", () => {
      const ceiling = ceilingFor(growth, [
        { ...classB, date: day("2025-04-10") },
        { ...boardVote, date: day("2025-05-02") },
      ]);
      expect(ceiling.exceptions).toEqual([]);
      expect(ceiling.from).toBe(day("2025-05-02"));
    });

    it("a shares-only row is a Class B vote, not a failed §3 vote; without the board's vote the ceiling stays .50%", () => {
      const evaluation = evaluatePlan(twoMeetings([classB]), { asOf: day("2025-06-30") });
      // The rate row's 2025-05-20 board vote is missing too, so the .70% is refused on that ground.
      expect(errors(evaluation)).toEqual(["ceiling-not-approved", "rate-not-board-approved"]);
      const finding = evaluation.exceptions.find((e) => e.rule === "ceiling-not-approved")!;
      expect(finding.message).toContain(
        "its Class B shareholders approved it on 2025-06-20, but no Amendment for Growth or All records a §3 board vote in person"
      );
    });

    // Review item 2: the two votes must be on the same amendment.
    const june = (evaluation: ReturnType<typeof evaluatePlan>) => ({
      booked: money(
        evaluation.portfolios[0]!.accrual!.months.find((m) => m.period.label === "2025-06")!.booked
      ),
      maximum: money(
        evaluation.portfolios[0]!.capTests.find((t) => t.period.label === "2025-06")!.maximum
      ),
    });

    it("a board Amendment six years before the Class B vote is another amendment: the ceiling stays .50%", () => {
      // The board's 2019 Amendment for All is not this one: 2019-03-01 is more than a year before
      // 2025-06-20. The .70% set on 2025-05-20 (a Fee rate vote) is above .50% and refused.
      const unrelated = vote("2019-03-01", "Amendment", "All");
      const feeRate = vote("2025-05-20", "Fee rate", "Growth");
      const evaluation = evaluatePlan(twoMeetings([unrelated, feeRate, classB]), {
        asOf: day("2025-06-30"),
      });
      const ceiling = evaluation.portfolios[0]!.ceiling;
      expect(ceiling.maxAnnualRate.toString()).toBe("0.005");
      expect(ceiling.from).toBeNull();
      const finding = evaluation.exceptions.find((e) => e.rule === "ceiling-not-approved")!;
      expect(finding.message).toContain(
        "its Class B shareholders approved it on 2025-06-20, but no Amendment for Growth or All records a §3 board vote in person within a year of that vote"
      );
      // June: 30 days at .25% (30 × 250.00 = 7,500.00), maximum 30 × 500.00 = 15,000.00.
      expect(june(evaluation)).toEqual({
        booked: (30 * 250).toFixed(2),
        maximum: (30 * 500).toFixed(2),
      });
    });

    it("a later failing Class B vote outweighs an earlier passing pair: the ceiling stays .50%", () => {
      // 2019: board and Growth's holders (5,200,000 of 10,000,000 outstanding) on one row — an
      // earlier amendment. 2025: the board approves .75% on 20 May, and on 20 June the holders
      // vote it down: 4,000,000 for of 6,000,000 present is below 67% (4,020,000) and not more
      // than half of 10,000,000 outstanding (5,000,000).
      const earlier = vote(
        "2019-03-01",
        "Amendment",
        "Growth",
        shares(5_200_000, 7_000_000, 10_000_000)
      );
      const votedDown = { ...classB, ...shares(4_000_000, 6_000_000, 10_000_000) };
      const ceiling = ceilingFor(growth, [earlier, boardVote, votedDown]);
      expect(ceiling.maxAnnualRate.toString()).toBe("0.005");
      expect(ceiling.exceptions[0]!.message).toContain(
        "the latest Class B vote on an Amendment for Growth, on 2025-06-20, does not pass §2(a)(42)"
      );
      const evaluation = evaluatePlan(twoMeetings([earlier, boardVote, votedDown]), {
        asOf: day("2025-06-30"),
      });
      // The .70% of 2025-05-20 is above .50% and refused: June 30 × 250.00, maximum 30 × 500.00.
      expect(june(evaluation)).toEqual({
        booked: (30 * 250).toFixed(2),
        maximum: (30 * 500).toFixed(2),
      });
    });

    it("a board vote eleven months before the Class B vote is still its pair", () => {
      // 2024-07-20 is within a year (EDATE −12 = 2024-06-20) of 2025-06-20: the later vote sets the day.
      const ceiling = ceilingFor(growth, [{ ...boardVote, date: day("2024-07-20") }, classB]);
      expect(ceiling.exceptions).toEqual([]);
      expect(ceiling.from).toBe(day("2025-06-20"));
    });

    it("the board's vote alone leaves the ceiling at .50% and says the Class B vote is missing", () => {
      const ceiling = ceilingFor(growth, [boardVote]);
      expect(ceiling.maxAnnualRate.toString()).toBe("0.005");
      expect(ceiling.exceptions[0]!.message).toContain(
        "the board approved an Amendment on 2025-05-20, but no Amendment for Growth records a majority of its outstanding Class B shares"
      );
    });
  });
});
