import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "../../src/engine/decimal";
import {
  describeMajority,
  isBoardMajority,
  isMajorityOfOutstandingVotingSecurities,
  majorityVote,
} from "../../src/engine/majority";

const d = (value: number | string) => new Decimal(value);

describe("board majority", () => {
  it("more than half of the trustees is a majority; exactly half is not", () => {
    expect(isBoardMajority(6, 10)).toBe(true);
    expect(isBoardMajority(5, 10)).toBe(false);
    expect(isBoardMajority(4, 7)).toBe(true); // 4 × 2 = 8 > 7
    expect(isBoardMajority(3, 7)).toBe(false); // 3 × 2 = 6 ≤ 7
    expect(isBoardMajority(1, 1)).toBe(true);
  });

  it("a vote with no trustees, negative counts or more for than total is not a majority", () => {
    expect(isBoardMajority(0, 0)).toBe(false);
    expect(isBoardMajority(-1, 3)).toBe(false);
    expect(isBoardMajority(11, 10)).toBe(false);
    expect(isBoardMajority(2.5, 4)).toBe(false);
  });
});

describe("majority of the outstanding voting securities, 1940 Act §2(a)(42)", () => {
  it("DOMAIN example: 4,100,000 of 6,000,000 present (10,000,000 outstanding) passes on the 67% test", () => {
    // 67% × 6,000,000 = 4,020,000 ≤ 4,100,000, and 6,000,000 > 5,000,000 present.
    expect(isMajorityOfOutstandingVotingSecurities(d(4_100_000), d(6_000_000), d(10_000_000))).toBe(
      true
    );
    const result = majorityVote(d(4_100_000), d(6_000_000), d(10_000_000));
    expect(result).toMatchObject({ ok: true, passes: true, test: "67% of shares present" });
  });

  it("DOMAIN example: 4,000,000 for fails both tests", () => {
    // 4,000,000 < 4,020,000 and 4,000,000 ≤ 5,000,000.
    expect(isMajorityOfOutstandingVotingSecurities(d(4_000_000), d(6_000_000), d(10_000_000))).toBe(
      false
    );
    expect(describeMajority(d(4_000_000), d(6_000_000), d(10_000_000))).toBe(
      "Fails §2(a)(42): 4,000,000 for is less than 67% of the 6,000,000 present (4,020,000), " +
        "and 4,000,000 for is not more than 50% of the 10,000,000 outstanding (5,000,000)"
    );
  });

  it("exactly 67% of those present is enough (“67% or more”)", () => {
    // 67% × 6,000,000 = 4,020,000 exactly.
    expect(isMajorityOfOutstandingVotingSecurities(d(4_020_000), d(6_000_000), d(10_000_000))).toBe(
      true
    );
    expect(
      isMajorityOfOutstandingVotingSecurities(d("4019999.999"), d(6_000_000), d(10_000_000))
    ).toBe(false);
  });

  it("the 67% test needs more than half of the outstanding shares present", () => {
    // 5,000,000 present is exactly half, not more: 100% of them for is still only 50% of outstanding.
    expect(isMajorityOfOutstandingVotingSecurities(d(5_000_000), d(5_000_000), d(10_000_000))).toBe(
      false
    );
    expect(majorityVote(d(5_000_000), d(5_000_000), d(10_000_000))).toMatchObject({
      ok: true,
      passes: false,
    });
  });

  it("more than 50% of outstanding passes whatever the attendance", () => {
    // 5,000,001 > 5,000,000 even though 5,000,001 / 9,000,000 ≈ 55.6% < 67%.
    const result = majorityVote(d(5_000_001), d(9_000_000), d(10_000_000));
    expect(result).toMatchObject({
      ok: true,
      passes: true,
      test: "more than 50% of outstanding shares",
    });
  });

  it("rejects impossible counts with an error instead of throwing", () => {
    expect(majorityVote(d(-1), d(6), d(10))).toEqual({
      ok: false,
      error: "shares for (-1) is negative",
    });
    expect(majorityVote(d(7), d(6), d(10))).toEqual({
      ok: false,
      error: "shares for (7) exceed shares present (6)",
    });
    expect(majorityVote(d(6), d(11), d(10))).toEqual({
      ok: false,
      error: "shares present (11) exceed shares outstanding (10)",
    });
    expect(majorityVote(d(0), d(0), d(0))).toEqual({
      ok: false,
      error: "no shares are outstanding",
    });
    expect(isMajorityOfOutstandingVotingSecurities(d(7), d(6), d(10))).toBe(false);
    expect(describeMajority(d(7), d(6), d(10))).toBe(
      "Cannot count the vote: shares for (7) exceed shares present (6)"
    );
  });

  it("is monotone in shares for: more votes for never turns a pass into a fail", () => {
    const counts = fc
      .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .chain(([outstanding, presentFraction]) => {
        const present = Math.floor(outstanding * presentFraction);
        return fc.tuple(
          fc.constant(outstanding),
          fc.constant(present),
          fc.integer({ min: 0, max: present }),
          fc.integer({ min: 0, max: present })
        );
      });
    fc.assert(
      fc.property(counts, ([outstanding, present, a, b]) => {
        const low = Math.min(a, b);
        const high = Math.max(a, b);
        const passesLow = isMajorityOfOutstandingVotingSecurities(
          d(low),
          d(present),
          d(outstanding)
        );
        const passesHigh = isMajorityOfOutstandingVotingSecurities(
          d(high),
          d(present),
          d(outstanding)
        );
        return !passesLow || passesHigh;
      })
    );
  });
});
