import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { checkAgreements, isAgreementActive } from "../../src/engine/agreements";
import { parseQuarter } from "../../src/engine/periods";
import {
  type Agreement,
  defaultSettings,
  emptyPlan,
  type GovernanceAction,
  type Plan,
} from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";

const source = { table: "Agreements", row: 2 };

function agreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    agreement: "Selling agreement",
    counterparty: "ABC Securities",
    portfolio: "Growth",
    approved: day("2025-01-10"),
    inWriting: true,
    noticeDays: 60,
    assigned: null,
    terminated: null,
    source,
    ...overrides,
  };
}

const known = ["Growth", "Bond"];

/** A §3 board vote (7 of 10, 5 of 7, in person) of `action` on `iso` for `portfolio`. */
function boardVote(
  iso: string,
  portfolio = "All",
  overrides: Partial<GovernanceAction> = {}
): GovernanceAction {
  return {
    date: day(iso),
    action: "Approval",
    portfolio,
    trusteesFor: 7,
    trusteesTotal: 10,
    independentFor: 5,
    independentTotal: 7,
    inPerson: true,
    sharesFor: null,
    sharesPresent: null,
    sharesOutstanding: null,
    ...overrides,
  };
}

/** The §3 vote that approved the agreements of these tests, on their Approved date. */
const votes = [boardVote("2025-01-10")];
const rules = (list: { rule: string; severity: string }[]) =>
  list.map((e) => `${e.severity} ${e.rule}`);

describe("agreement checks (Plan §7)", () => {
  it("a written agreement terminable on 60 days' notice, never assigned, passes", () => {
    expect(checkAgreements([agreement()], known, votes)).toEqual([]);
  });

  it("an agreement not in writing is an error naming the agreement and counterparty", () => {
    const [finding] = checkAgreements([agreement({ inWriting: false })], known, votes);
    expect(finding).toMatchObject({
      severity: "error",
      rule: "agreement-not-in-writing",
      portfolio: "Growth",
      source,
    });
    expect(finding?.message).toContain(
      'Agreement "Selling agreement" with ABC Securities (Growth) is not in writing'
    );
    expect(rules(checkAgreements([agreement({ inWriting: null })], known, votes))).toEqual([
      "error agreement-not-in-writing",
    ]);
  });

  it("notice of more than 60 days is an error; exactly 60 is allowed", () => {
    expect(rules(checkAgreements([agreement({ noticeDays: 61 })], known, votes))).toEqual([
      "error agreement-notice",
    ]);
    expect(checkAgreements([agreement({ noticeDays: 60 })], known, votes)).toEqual([]);
  });

  it("a blank notice period is a warning that it is not recorded", () => {
    const [finding] = checkAgreements([agreement({ noticeDays: null })], known, votes);
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain("termination notice period is not recorded");
  });

  it("an agreement still active after its assignment is an error: it terminates automatically", () => {
    const [finding] = checkAgreements([agreement({ assigned: day("2026-03-01") })], known, votes);
    expect(finding?.rule).toBe("agreement-assigned");
    expect(finding?.date).toBe(day("2026-03-01"));
    expect(finding?.message).toContain("terminates automatically on assignment");
    // Terminated after the assignment date: it ran on past the assignment.
    expect(
      rules(
        checkAgreements(
          [agreement({ assigned: day("2026-03-01"), terminated: day("2026-04-01") })],
          known,
          votes
        )
      )
    ).toEqual(["error agreement-assigned"]);
    // Terminated on the assignment date: as the plan requires.
    expect(
      checkAgreements(
        [agreement({ assigned: day("2026-03-01"), terminated: day("2026-03-01") })],
        known,
        votes
      )
    ).toEqual([]);
  });

  it("a portfolio not in the Portfolios table is an error; All and other spellings of known names are fine", () => {
    expect(rules(checkAgreements([agreement({ portfolio: "Equity" })], known, votes))).toEqual([
      "error unknown-portfolio",
    ]);
    expect(
      checkAgreements(
        [agreement({ portfolio: " all" }), agreement({ portfolio: "BOND " })],
        known,
        votes
      )
    ).toEqual([]);
  });

  it("an agreement is active from approval until termination or assignment, whichever comes first", () => {
    const row = agreement({ assigned: day("2026-03-01"), terminated: day("2026-06-30") });
    expect(isAgreementActive(row, day("2025-01-09"), votes)).toBe(false);
    expect(isAgreementActive(row, day("2025-01-10"), votes)).toBe(true);
    expect(isAgreementActive(row, day("2026-02-28"), votes)).toBe(true);
    expect(isAgreementActive(row, day("2026-03-01"), votes)).toBe(false);
    expect(
      isAgreementActive(agreement({ terminated: day("2025-12-31") }), day("2025-12-31"), votes)
    ).toBe(false);
    expect(isAgreementActive(agreement({ approved: null }), day("2026-01-01"), votes)).toBe(false);
  });

  it("an agreement needs a passing §3 vote on its Approved date; without one it is an error and never in force", () => {
    const none = checkAgreements([agreement()], known, []);
    expect(rules(none)).toEqual(["error agreement-not-approved"]);
    expect(none[0]!.message).toContain("has no passing §3 vote on its Approved date 2025-01-10");
    expect(isAgreementActive(agreement(), day("2025-06-01"), [])).toBe(false);
    // Not in person: no §3 vote. A vote for another portfolio: not for this agreement.
    const notInPerson = [boardVote("2025-01-10", "All", { inPerson: false })];
    expect(rules(checkAgreements([agreement()], known, notInPerson))).toEqual([
      "error agreement-not-approved",
    ]);
    expect(rules(checkAgreements([agreement()], known, [boardVote("2025-01-10", "Bond")]))).toEqual(
      ["error agreement-not-approved"]
    );
    // A vote for Growth itself, or a Continuance for All, approves it.
    expect(checkAgreements([agreement()], known, [boardVote("2025-01-10", "Growth")])).toEqual([]);
    const continuance = [boardVote("2025-01-10", "All", { action: "Continuance" })];
    expect(checkAgreements([agreement()], known, continuance)).toEqual([]);
    // A Fee rate vote is not a §3 vote on an agreement.
    const feeRate = [boardVote("2025-01-10", "All", { action: "Fee rate" })];
    expect(rules(checkAgreements([agreement()], known, feeRate))).toEqual([
      "error agreement-not-approved",
    ]);
  });

  it("an agreement for All needs a vote for All, not for one portfolio", () => {
    const all = agreement({ portfolio: "All" });
    expect(rules(checkAgreements([all], known, [boardVote("2025-01-10", "Growth")]))).toEqual([
      "error agreement-not-approved",
    ]);
    expect(checkAgreements([all], known, votes)).toEqual([]);
  });

  it("the report's in-force column agrees with the finding: an agreement without its vote is not in force", () => {
    const trust: Plan = {
      ...emptyPlan(),
      portfolios: [defaultSettings("Growth")],
      governance: votes,
      agreements: [
        { ...agreement(), source: { table: "Agreements", row: 1 } },
        { ...agreement({ approved: day("2025-02-01") }), source: { table: "Agreements", row: 2 } },
      ],
    };
    const report = quarterlyReport(trust, parseQuarter("2025Q2")!, {
      asOf: day("2025-06-30"),
      preparedAt: "now",
    });
    expect(report.agreements.map((line) => line.inForce)).toEqual([true, false]);
    expect(report.agreements[1]!.findings.map((e) => e.message).join(" ")).toContain(
      "has no passing §3 vote on its Approved date 2025-02-01"
    );
  });
});
