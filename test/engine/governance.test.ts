import { describe, expect, it } from "vitest";
import { type Day, day, isoDate } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import {
  daysInEffect,
  governanceStatus,
  isInEffect,
  mergeGovernanceExceptions,
} from "../../src/engine/governance";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import {
  defaultSettings,
  emptyPlan,
  type GovernanceAction,
  type GovernanceActionKind,
} from "../../src/engine/plan";
import { money, rateRow } from "../support/build";

function action(
  kind: GovernanceActionKind,
  iso: string,
  overrides: Partial<GovernanceAction> = {}
): GovernanceAction {
  const board = kind !== "Termination";
  return {
    date: day(iso),
    action: kind,
    portfolio: "Growth",
    trusteesFor: board ? 7 : null,
    trusteesTotal: board ? 10 : null,
    independentFor: board ? 5 : 4,
    independentTotal: 7,
    inPerson: board ? true : null,
    sharesFor: null,
    sharesPresent: null,
    sharesOutstanding: null,
    source: { table: "Governance", row: 1 },
    ...overrides,
  };
}

const options = (asOf: string, planEffective: Day | null = null) => ({
  planEffective,
  asOf: day(asOf),
});
const spans = (windows: { start: Day; end: Day | null; endReason: string | null }[]) =>
  windows.map(
    (w) =>
      `${isoDate(w.start)}..${w.end === null ? "" : isoDate(w.end)} ${w.endReason ?? "current"}`
  );
const rules = (list: { rule: string; severity: string }[]) =>
  list.map((e) => `${e.severity} ${e.rule}`);

describe("governance status (Plan §3, §4, §6)", () => {
  it("an approval with no continuance is in effect for one year, through the day before the anniversary", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15")],
      options("2026-12-31")
    );
    expect(spans(status.windows)).toEqual(["2025-08-15..2026-08-14 lapse"]);
    expect(isoDate(status.lapseDate!)).toBe("2026-08-15");
    expect(isoDate(status.lastApprovalOrContinuance!)).toBe("2025-08-15");
    // Q3 2026: 1–31 July + 1–14 August = 45 days in effect.
    expect(daysInEffect(status.windows, day("2026-07-01"), day("2026-09-30"))).toBe(45);
    const lapsed = status.exceptions.find((e) => e.rule === "plan-lapsed");
    expect(lapsed?.severity).toBe("error");
    expect(lapsed?.message).toContain("lapsed on 2026-08-15");
    expect(isoDate(lapsed!.date!)).toBe("2026-08-15");
  });

  it("an invalid approval never puts the plan in effect", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15", { inPerson: false })],
      options("2025-09-01")
    );
    expect(status.windows).toEqual([]);
    expect(rules(status.exceptions)).toEqual(["error approval-invalid", "error plan-not-approved"]);
  });

  it("a continuance inside the year extends the plan to the continuance's anniversary", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15"), action("Continuance", "2026-06-10")],
      options("2026-07-01")
    );
    expect(spans(status.windows)).toEqual(["2025-08-15..2027-06-09 current"]);
    expect(isoDate(status.lapseDate!)).toBe("2027-06-10");
    expect(isoDate(status.lastApprovalOrContinuance!)).toBe("2026-06-10");
    expect(status.exceptions).toEqual([]);
  });

  it("a continuance after the lapse does not revive the plan; only a new approval does", () => {
    const status = governanceStatus(
      "Growth",
      [
        action("Approval", "2025-08-15"),
        action("Continuance", "2026-08-16"),
        action("Approval", "2026-09-10"),
      ],
      options("2026-10-01")
    );
    // The 2026-08-16 continuance comes the day after the anniversary (2026-08-15): too late.
    expect(spans(status.windows)).toEqual([
      "2025-08-15..2026-08-14 lapse",
      "2026-09-10..2027-09-09 current",
    ]);
    const late = status.exceptions.find((e) => e.rule === "continuance-after-lapse");
    expect(late?.severity).toBe("error");
    expect(late?.message).toContain("new approval under Plan §3 is needed");
    expect(isInEffect(status.windows, day("2026-09-01"))).toBe(false);
    expect(isInEffect(status.windows, day("2026-09-10"))).toBe(true);
  });

  it("a termination on a date ends the plan the day before", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15"), action("Termination", "2026-03-01")],
      options("2026-04-01")
    );
    expect(spans(status.windows)).toEqual(["2025-08-15..2026-02-28 termination"]);
    expect(isInEffect(status.windows, day("2026-03-01"))).toBe(false);
    expect(status.terminations.map((t) => isoDate(t.date))).toEqual(["2026-03-01"]);
    expect(rules(status.exceptions)).toEqual(["info termination"]);
  });

  it("Class B shareholders can terminate by a §2(a)(42) majority", () => {
    // 5,000,001 of 10,000,000 outstanding is more than half (test B).
    const byShares = action("Termination", "2026-03-01", {
      independentFor: null,
      independentTotal: null,
      sharesFor: new Decimal(5_000_001),
      sharesPresent: new Decimal(6_000_000),
      sharesOutstanding: new Decimal(10_000_000),
    });
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15"), byShares],
      options("2026-04-01")
    );
    expect(spans(status.windows)).toEqual(["2025-08-15..2026-02-28 termination"]);
  });

  it("a failed termination leaves the plan in effect and is reported", () => {
    const failed = action("Termination", "2026-03-01", { independentFor: 3, independentTotal: 7 });
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15"), failed],
      options("2026-04-01")
    );
    expect(spans(status.windows)).toEqual(["2025-08-15..2026-08-14 current"]);
    expect(rules(status.exceptions)).toEqual(["error termination-invalid"]);
  });

  it("an action for All applies to every portfolio, names matched ignoring case and spaces", () => {
    const actions = [
      action("Approval", "2025-08-15", { portfolio: " all " }),
      action("Termination", "2026-01-15", { portfolio: "BOND " }),
    ];
    const growth = governanceStatus("Growth", actions, options("2026-02-01"));
    const bond = governanceStatus("Bond", actions, options("2026-02-01"));
    expect(spans(growth.windows)).toEqual(["2025-08-15..2026-08-14 current"]);
    expect(spans(bond.windows)).toEqual(["2025-08-15..2026-01-14 termination"]);
  });

  it("an invalid All approval is reported once when the portfolios' findings are merged", () => {
    const actions = [action("Approval", "2025-08-15", { portfolio: "All", inPerson: false })];
    const statuses = ["Growth", "Bond"].map((p) =>
      governanceStatus(p, actions, options("2025-09-01"))
    );
    const merged = mergeGovernanceExceptions(statuses);
    expect(merged.filter((e) => e.rule === "approval-invalid")).toHaveLength(1);
    expect(merged.filter((e) => e.rule === "plan-not-approved")).toHaveLength(2);
  });

  it("warns that a continuance is due 60 days before the lapse, not 61", () => {
    const actions = [action("Approval", "2025-08-15")];
    // Lapse 2026-08-15; 60 days before is 2026-06-16 (15 days of June left + 31 July + 14 August = 60).
    const at60 = governanceStatus("Growth", actions, options("2026-06-16"));
    const due = at60.exceptions.find((e) => e.rule === "continuance-due");
    expect(due?.severity).toBe("warning");
    expect(due?.message).toContain("due by 2026-08-14 (60 days left)");
    const at61 = governanceStatus("Growth", actions, options("2026-06-15"));
    expect(at61.exceptions).toEqual([]);
  });

  it("the plan is lapsed, not due, on its lapse date", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15")],
      options("2026-08-15")
    );
    expect(rules(status.exceptions)).toEqual(["error plan-lapsed"]);
    expect(status.windows[0]?.endReason).toBe("lapse");
  });

  it("a 29 February approval lapses on 28 February of the next year", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2024-02-29")],
      options("2025-03-01")
    );
    expect(isoDate(status.lapseDate!)).toBe("2025-02-28");
    expect(spans(status.windows)).toEqual(["2024-02-29..2025-02-27 lapse"]);
  });

  it("amendments do not move the anniversary", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15"), action("Amendment", "2026-05-01")],
      options("2026-05-02")
    );
    expect(isoDate(status.lapseDate!)).toBe("2026-08-15");
  });

  it("nothing is in effect before the approval nor before the plan-effective date", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15")],
      options("2025-09-01", day("2025-09-01"))
    );
    // The year runs from taking effect (Plan §4 "after it takes effect"): 2025-09-01 + 1 year − 1 day.
    expect(spans(status.windows)).toEqual(["2025-09-01..2026-08-31 current"]);
    const early = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15")],
      options("2025-09-01", day("2020-01-01"))
    );
    expect(isoDate(early.windows[0]!.start)).toBe("2025-08-15");
  });

  it("no approval at all is an error", () => {
    const status = governanceStatus(
      "Growth",
      [action("Continuance", "2025-08-15")],
      options("2025-09-01")
    );
    expect(rules(status.exceptions)).toEqual([
      "error continuance-after-lapse",
      "error plan-not-approved",
    ]);
  });

  it("a continuance dated on the anniversary is timely: no lapse and no continuance-after-lapse", () => {
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15"), action("Continuance", "2026-08-15")],
      options("2026-10-01")
    );
    // One window, a year from the continuance: 2026-08-15 + 1 year − 1 day = 2027-08-14.
    expect(spans(status.windows)).toEqual(["2025-08-15..2027-08-14 current"]);
    expect(rules(status.exceptions)).toEqual([]);
    expect(isInEffect(status.windows, day("2026-08-15"))).toBe(true);
    // A re-approval on the anniversary is as timely as a continuance.
    const reapproved = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15"), action("Approval", "2026-08-15")],
      options("2026-10-01")
    );
    expect(spans(reapproved.windows)).toEqual(["2025-08-15..2027-08-14 current"]);
    expect(rules(reapproved.exceptions)).toEqual([]);
  });

  it("the first year runs from taking effect, the later of Plan effective and the approval", () => {
    // Approved 15 Aug 2025, plan effective 1 Sep 2025: lapses 1 Sep 2026, not 15 Aug 2026.
    const status = governanceStatus(
      "Growth",
      [action("Approval", "2025-08-15")],
      options("2026-08-20", day("2025-09-01"))
    );
    expect(isoDate(status.lapseDate!)).toBe("2026-09-01");
    // 20 Aug 2026 is 12 days before the lapse: a continuance is due, the plan has not lapsed.
    expect(rules(status.exceptions)).toEqual(["warning continuance-due"]);
    expect(status.exceptions[0]!.message).toContain("(12 days left)");
  });

  it("a terminated portfolio has no continuance due, no lapse date, and an All continuance is not for it", () => {
    const actions = [
      action("Approval", "2025-08-15", { portfolio: "All" }),
      action("Termination", "2026-03-01"),
      action("Continuance", "2026-08-01", { portfolio: "All" }),
    ];
    const status = governanceStatus("Growth", actions, options("2026-08-10"));
    expect(spans(status.windows)).toEqual(["2025-08-15..2026-02-28 termination"]);
    expect(status.lapseDate).toBeNull();
    expect(rules(status.exceptions)).toEqual(["info termination"]);
    // Named for Growth itself, a continuance after the termination is still reported.
    const named = governanceStatus(
      "Growth",
      [...actions.slice(0, 2), action("Continuance", "2026-08-01")],
      options("2026-08-10")
    );
    expect(rules(named.exceptions)).toEqual(["info termination", "error continuance-after-lapse"]);
  });

  it("a share-count termination naming All is an error and terminates nothing (§6: that Portfolio's shares)", () => {
    const byShares = action("Termination", "2026-03-01", {
      portfolio: "All",
      independentFor: null,
      independentTotal: null,
      sharesFor: new Decimal(9_000_000),
      sharesPresent: new Decimal(9_000_000),
      sharesOutstanding: new Decimal(10_000_000),
    });
    for (const portfolio of ["Growth", "Bond"]) {
      const status = governanceStatus(
        portfolio,
        [action("Approval", "2025-08-15", { portfolio: "All" }), byShares],
        options("2026-04-01")
      );
      expect(spans(status.windows)).toEqual(["2025-08-15..2026-08-14 current"]);
      expect(rules(status.exceptions)).toEqual(["error termination-invalid"]);
      expect(status.exceptions[0]!.message).toContain("this row names All");
    }
  });

  it("the independent trustees may terminate All", () => {
    const byTrustees = action("Termination", "2026-03-01", { portfolio: "All" }); // 4 of 7
    for (const portfolio of ["Growth", "Bond"]) {
      const status = governanceStatus(
        portfolio,
        [action("Approval", "2025-08-15", { portfolio: "All" }), byTrustees],
        options("2026-04-01")
      );
      expect(spans(status.windows)).toEqual(["2025-08-15..2026-02-28 termination"]);
    }
  });

  it("share counts are tested, never trusted: 100 for of 200 present of 1,000 outstanding fails", () => {
    // 200 of 1,000 present is not more than half (no quorum for test A); 100 is not more than 500.
    const status = governanceStatus(
      "Growth",
      [
        action("Approval", "2025-08-15", {
          sharesFor: new Decimal(100),
          sharesPresent: new Decimal(200),
          sharesOutstanding: new Decimal(1_000),
        }),
      ],
      options("2025-09-01")
    );
    expect(rules(status.exceptions)).toEqual(["error shareholder-vote-failed"]);
    expect(status.exceptions[0]!.message).toContain(
      "only 200 of 1,000 outstanding were present (not more than 50%)"
    );
    // The board's §3 approval stands on its own: the plan asks no shareholder vote to take effect.
    expect(spans(status.windows)).toEqual(["2025-08-15..2026-08-14 current"]);
  });

  describe("a terminated portfolio restarts only by its own Class B vote (issue 20 item 5)", () => {
    // Q's Class B holders terminate its plan on 2025-05-01: 6,000,000 for of 10,000,000 outstanding.
    const approved = action("Approval", "2024-10-01", { portfolio: "All" });
    const terminated = action("Termination", "2025-05-01", {
      portfolio: "Q",
      independentFor: null,
      independentTotal: null,
      sharesFor: new Decimal(6_000_000),
      sharesPresent: new Decimal(7_000_000),
      sharesOutstanding: new Decimal(10_000_000),
    });

    it("an Approval for All leaves Q terminated, with a note: no 2025 Q4 days in effect", () => {
      const forAll = action("Approval", "2025-10-01", { portfolio: "All" });
      const status = governanceStatus("Q", [approved, terminated, forAll], options("2025-12-31"));
      // In effect 2024-10-01 to 2025-04-30 only; before issue 20 a second window from 2025-10-01.
      expect(spans(status.windows)).toEqual(["2024-10-01..2025-04-30 termination"]);
      // 2025 Q4 is 92 days (31 + 30 + 31); none of them in effect.
      expect(daysInEffect(status.windows, day("2025-10-01"), day("2025-12-31"))).toBe(0);
      expect(status.lapseDate).toBeNull();
      const note = status.exceptions.find((e) => e.rule === "termination-stands")!;
      expect(note.severity).toBe("info");
      expect(note.message).toContain(
        "Approval of 2025-10-01 for All does not restart Q, terminated on 2025-05-01"
      );
      // Another portfolio, never terminated, is simply continued by the same Approval.
      const other = governanceStatus(
        "Growth",
        [approved, terminated, forAll],
        options("2025-12-31")
      );
      expect(isInEffect(other.windows, day("2025-12-31"))).toBe(true);
    });

    it("an Approval naming Q without a passing Class B vote does not restart it either: an error", () => {
      const named = action("Approval", "2025-10-01", { portfolio: "Q" });
      const status = governanceStatus("Q", [approved, terminated, named], options("2025-12-31"));
      expect(spans(status.windows)).toEqual(["2024-10-01..2025-04-30 termination"]);
      expect(rules(status.exceptions)).toContain("error termination-stands");
    });

    // Review item 7: the board and Q's holders meet separately, as for a §8 amendment.
    // Q's Class B meeting on its own row: 5,200,000 for of 10,000,000 outstanding (more than half).
    const classBMeeting = (iso: string) =>
      action("Approval", iso, {
        portfolio: "Q",
        trusteesFor: null,
        trusteesTotal: null,
        independentFor: null,
        independentTotal: null,
        inPerson: null,
        sharesFor: new Decimal(5_200_000),
        sharesPresent: new Decimal(6_000_000),
        sharesOutstanding: new Decimal(10_000_000),
      });

    it("the board's Approval naming Q and its holders' own Approval row restart Q from the later of the two", () => {
      const board = action("Approval", "2025-10-01", { portfolio: "Q" });
      const status = governanceStatus(
        "Q",
        [approved, terminated, board, classBMeeting("2025-10-15")],
        options("2025-12-31")
      );
      expect(spans(status.windows)).toEqual([
        "2024-10-01..2025-04-30 termination",
        "2025-10-15..2026-10-14 current",
      ]);
      // 15–31 October (17) + November (30) + December (31) = 78 of Q4's 92 days.
      expect(daysInEffect(status.windows, day("2025-10-01"), day("2025-12-31"))).toBe(17 + 30 + 31);
      expect(status.exceptions.filter((e) => e.rule === "termination-stands")).toEqual([]);
    });

    it("the holders may vote first: Q restarts on the board's later Approval", () => {
      const board = action("Approval", "2025-10-01", { portfolio: "Q" });
      const status = governanceStatus(
        "Q",
        [approved, terminated, classBMeeting("2025-09-10"), board],
        options("2025-12-31")
      );
      expect(spans(status.windows)).toEqual([
        "2024-10-01..2025-04-30 termination",
        "2025-10-01..2026-09-30 current",
      ]);
      expect(daysInEffect(status.windows, day("2025-10-01"), day("2025-12-31"))).toBe(92);
    });

    it("a Class B meeting more than a year after the board's Approval does not complete it", () => {
      // EDATE(2025-10-01, 12) = 2026-10-01; the holders meet on 2026-10-02.
      const board = action("Approval", "2025-10-01", { portfolio: "Q" });
      const status = governanceStatus(
        "Q",
        [approved, terminated, board, classBMeeting("2026-10-02")],
        options("2026-12-31")
      );
      expect(spans(status.windows)).toEqual(["2024-10-01..2025-04-30 termination"]);
      expect(rules(status.exceptions)).toContain("error termination-stands");
    });

    it("restarted by two rows, Q accrues from its holders' day: October 17 days at .25% of 100,000,000", () => {
      const plan = emptyPlan();
      plan.portfolios.push(defaultSettings("Q", {}));
      for (let d = day("2024-09-30"); d <= day("2025-12-31"); d += 1)
        plan.netAssets.push({ date: d, portfolio: "Q", netAssets: new Decimal(100_000_000) });
      plan.rates.push(rateRow("Q", "2024-10-01", "0.0025"));
      plan.governance.push(
        { ...approved, date: day("2024-10-01") },
        terminated,
        action("Approval", "2025-10-01", { portfolio: "Q" }),
        classBMeeting("2025-10-15")
      );
      const evaluation = evaluatePlan(plan, { asOf: day("2025-12-31") });
      const booked = (label: string) =>
        money(
          evaluation.portfolios[0]!.accrual!.months.find((m) => m.period.label === label)!.booked
        );
      // 100,000,000 × .25% = 250,000.00 a year; October 15–31: 250,000 × 17 ÷ 365 = 11,643.835… → 11,643.84.
      expect(booked("2025-10")).toBe(new Decimal(250_000).times(17).div(365).toFixed(2));
      expect(booked("2025-10")).toBe("11643.84");
      // November, all 30 days: 250,000 × 30 ÷ 365 = 20,547.945… → 20,547.95.
      expect(booked("2025-11")).toBe("20547.95");
      expect(evaluation.exceptions.filter((e) => e.rule === "termination-stands")).toEqual([]);
    });

    it("an Approval naming Q with a §2(a)(42) majority of its Class B shares restarts it from its date", () => {
      // 5,500,000 of 10,000,000 outstanding is more than half (test B).
      const named = action("Approval", "2025-10-01", {
        portfolio: "Q",
        sharesFor: new Decimal(5_500_000),
        sharesPresent: new Decimal(6_000_000),
        sharesOutstanding: new Decimal(10_000_000),
      });
      const status = governanceStatus("Q", [approved, terminated, named], options("2025-12-31"));
      expect(spans(status.windows)).toEqual([
        "2024-10-01..2025-04-30 termination",
        "2025-10-01..2026-09-30 current",
      ]);
      expect(daysInEffect(status.windows, day("2025-10-01"), day("2025-12-31"))).toBe(92);
      expect(status.exceptions.filter((e) => e.rule === "termination-stands")).toEqual([]);
    });
  });
});
