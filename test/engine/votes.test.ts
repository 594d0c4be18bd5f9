import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import type { GovernanceAction } from "../../src/engine/plan";
import {
  checkBoardVote,
  checkTerminationVote,
  voteException,
  votePasses,
} from "../../src/engine/votes";

const source = { table: "Governance", row: 3 };

function vote(overrides: Partial<GovernanceAction> = {}): GovernanceAction {
  return {
    date: day("2025-08-15"),
    action: "Approval",
    portfolio: "Growth",
    trusteesFor: 7,
    trusteesTotal: 10,
    independentFor: 5,
    independentTotal: 7,
    inPerson: true,
    sharesFor: null,
    sharesPresent: null,
    sharesOutstanding: null,
    source,
    ...overrides,
  };
}

describe("§3 board votes (approval, continuance, amendment)", () => {
  it("a majority of the trustees and of the independent trustees, in person, approves the plan", () => {
    expect(checkBoardVote(vote())).toEqual({
      passes: true,
      reason: "trustees 7 of 10 and independent trustees 5 of 7, in person",
    });
    expect(voteException(vote())).toBeNull();
  });

  it("votes not cast in person do not count", () => {
    const finding = voteException(vote({ inPerson: false }));
    expect(finding).toEqual({
      severity: "error",
      rule: "approval-invalid",
      portfolio: "Growth",
      date: day("2025-08-15"),
      message:
        "Approval of 2025-08-15 (Growth) does not meet Plan §3: the votes were not cast in person",
      source,
    });
  });

  it("a majority of the whole board is not enough without a majority of the independent trustees", () => {
    // 3 of 7 independent: 3 × 2 = 6 is not more than 7.
    const check = checkBoardVote(vote({ trusteesFor: 8, independentFor: 3 }));
    expect(check.passes).toBe(false);
    expect(check.reason).toBe("independent trustees 3 of 7 is not more than half");
  });

  it("5 of 10 trustees is not a majority", () => {
    const check = checkBoardVote(vote({ trusteesFor: 5 }));
    expect(check).toEqual({ passes: false, reason: "trustees 5 of 10 is not more than half" });
  });

  it("blank counts or a blank In person make the vote invalid, naming what is missing", () => {
    expect(checkBoardVote(vote({ independentTotal: null, inPerson: null })).reason).toBe(
      "Independent total and In person are blank"
    );
    expect(checkBoardVote(vote({ trusteesFor: null })).reason).toBe("Trustees for is blank");
    const finding = voteException(vote({ action: "Continuance", trusteesTotal: null }));
    expect(finding?.rule).toBe("approval-invalid");
    expect(finding?.message).toBe(
      "Continuance of 2025-08-15 (Growth) does not meet Plan §3: Trustees total is blank"
    );
  });

  it("impossible counts are reported, not counted", () => {
    expect(checkBoardVote(vote({ trusteesFor: 11 })).reason).toBe(
      "trustees: 11 for exceeds the total of 10"
    );
    expect(checkBoardVote(vote({ independentFor: 0, independentTotal: 0 })).reason).toBe(
      "independent trustees: the total is zero"
    );
  });
});

describe("§6 termination votes", () => {
  const termination = (overrides: Partial<GovernanceAction>) =>
    vote({
      action: "Termination",
      trusteesFor: null,
      trusteesTotal: null,
      independentFor: null,
      independentTotal: null,
      inPerson: null,
      ...overrides,
    });

  it("a majority of the independent trustees terminates (no in-person requirement)", () => {
    expect(checkTerminationVote(termination({ independentFor: 4, independentTotal: 7 }))).toEqual({
      passes: true,
      reason: "independent trustees 4 of 7",
    });
  });

  it("a §2(a)(42) majority of the Class B shares terminates", () => {
    // 4,100,000 ≥ 67% × 6,000,000 = 4,020,000 with 6,000,000 > 5,000,000 present.
    const action = termination({
      sharesFor: new Decimal(4_100_000),
      sharesPresent: new Decimal(6_000_000),
      sharesOutstanding: new Decimal(10_000_000),
    });
    expect(votePasses(action)).toBe(true);
  });

  it("fails when both tests fail, giving both reasons", () => {
    const action = termination({
      independentFor: 3,
      independentTotal: 6,
      sharesFor: new Decimal(4_000_000),
      sharesPresent: new Decimal(6_000_000),
      sharesOutstanding: new Decimal(10_000_000),
    });
    const finding = voteException(action);
    expect(finding?.rule).toBe("termination-invalid");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain(
      "does not meet Plan §6: independent trustees 3 of 6 is not more than half; Class B shares:"
    );
  });

  it("a termination with neither set of counts is invalid", () => {
    expect(checkTerminationVote(termination({})).passes).toBe(false);
  });
});
