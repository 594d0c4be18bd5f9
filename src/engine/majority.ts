/**
 * Majorities the plan relies on: a simple majority of a board (Plan §3, §6) and
 * the 1940 Act §2(a)(42) "majority of the outstanding voting securities"
 * (Plan §6, §8, §9; SPEC §2).
 */
import { Decimal } from "./decimal";

/**
 * True when `votesFor` is more than half of `total` (a tie is not a majority).
 * Invalid counts (total ≤ 0, negative or non-integer counts, for > total) give
 * false: a vote that cannot be read is not a vote that passed; `votes.ts`
 * reports why.
 *
 * @example isBoardMajority(6, 10) // true
 * @example isBoardMajority(5, 10) // false — 5 of 10 is only half
 */
export function isBoardMajority(votesFor: number, total: number): boolean {
  if (!Number.isInteger(votesFor) || !Number.isInteger(total)) return false;
  if (total <= 0 || votesFor < 0 || votesFor > total) return false;
  // Integer comparison avoids the float question of "total / 2".
  return votesFor * 2 > total;
}

/** Which test of §2(a)(42) a vote met. */
export type MajorityTest = "67% of shares present" | "more than 50% of outstanding shares";

/**
 * Outcome of a §2(a)(42) vote: either the inputs were unusable (`ok: false`,
 * with the reason) or the vote was counted (`passes`, the test that carried
 * it, and a sentence for reports and custom-function tooltips).
 */
export type MajorityResult =
  | { ok: true; passes: boolean; test: MajorityTest | null; reason: string }
  | { ok: false; error: string };

const TWO_THIRDS_TEST = new Decimal("0.67");

/**
 * Decides a vote of shareholders under 1940 Act §2(a)(42): the lesser of (A)
 * 67% or more of the shares present if more than 50% of the outstanding shares
 * are present, or (B) more than 50% of the outstanding shares — so the vote
 * passes when either test is met. Share counts are exact decimals (fractional
 * shares are normal for variable-contract separate accounts).
 *
 * @example
 * majorityVote(new Decimal(4_100_000), new Decimal(6_000_000), new Decimal(10_000_000))
 * // → { ok: true, passes: true, test: "67% of shares present",
 * //     reason: "4,100,000 for is at least 67% of the 6,000,000 present (4,020,000) …" }
 */
export function majorityVote(
  sharesFor: Decimal,
  sharesPresent: Decimal,
  sharesOutstanding: Decimal
): MajorityResult {
  const inputError = checkShareCounts(sharesFor, sharesPresent, sharesOutstanding);
  if (inputError !== null) return { ok: false, error: inputError };

  const quorum = sharesPresent.times(2).greaterThan(sharesOutstanding);
  const twoThirdsNeeded = sharesPresent.times(TWO_THIRDS_TEST);
  const halfOfOutstanding = sharesOutstanding.dividedBy(2);

  // Test (A): a quorum of more than half the outstanding shares, and 67% of those present.
  if (quorum && sharesFor.greaterThanOrEqualTo(twoThirdsNeeded)) {
    return {
      ok: true,
      passes: true,
      test: "67% of shares present",
      reason:
        `${shares(sharesFor)} for is at least 67% of the ${shares(sharesPresent)} present (${shares(twoThirdsNeeded)}), ` +
        `and more than 50% of the ${shares(sharesOutstanding)} outstanding were present`,
    };
  }
  // Test (B): more than half of all outstanding shares, whatever the attendance.
  if (sharesFor.times(2).greaterThan(sharesOutstanding)) {
    return {
      ok: true,
      passes: true,
      test: "more than 50% of outstanding shares",
      reason: `${shares(sharesFor)} for is more than 50% of the ${shares(sharesOutstanding)} outstanding (${shares(halfOfOutstanding)})`,
    };
  }
  const failedA = quorum
    ? `${shares(sharesFor)} for is less than 67% of the ${shares(sharesPresent)} present (${shares(twoThirdsNeeded)})`
    : `only ${shares(sharesPresent)} of ${shares(sharesOutstanding)} outstanding were present (not more than 50%)`;
  return {
    ok: true,
    passes: false,
    test: null,
    reason: `${failedA}, and ${shares(sharesFor)} for is not more than 50% of the ${shares(sharesOutstanding)} outstanding (${shares(halfOfOutstanding)})`,
  };
}

/**
 * True when the vote meets §2(a)(42) (see `majorityVote`); false also when the
 * counts are unusable — use `majorityVote` to learn why.
 *
 * @example
 * isMajorityOfOutstandingVotingSecurities(new Decimal(4_100_000), new Decimal(6_000_000), new Decimal(10_000_000)) // true
 * isMajorityOfOutstandingVotingSecurities(new Decimal(4_000_000), new Decimal(6_000_000), new Decimal(10_000_000)) // false
 */
export function isMajorityOfOutstandingVotingSecurities(
  sharesFor: Decimal,
  sharesPresent: Decimal,
  sharesOutstanding: Decimal
): boolean {
  const result = majorityVote(sharesFor, sharesPresent, sharesOutstanding);
  return result.ok && result.passes;
}

/**
 * The reason text of a §2(a)(42) vote, or of why it could not be counted.
 *
 * @example
 * describeMajority(new Decimal(4_000_000), new Decimal(6_000_000), new Decimal(10_000_000))
 * // → "Fails §2(a)(42): 4,000,000 for is less than 67% of the 6,000,000 present (4,020,000), and …"
 */
export function describeMajority(
  sharesFor: Decimal,
  sharesPresent: Decimal,
  sharesOutstanding: Decimal
): string {
  const result = majorityVote(sharesFor, sharesPresent, sharesOutstanding);
  if (!result.ok) return `Cannot count the vote: ${result.error}`;
  return `${result.passes ? "Passes" : "Fails"} §2(a)(42): ${result.reason}`;
}

/** Why the three counts cannot describe one meeting, or null when they can. */
function checkShareCounts(
  sharesFor: Decimal,
  sharesPresent: Decimal,
  sharesOutstanding: Decimal
): string | null {
  for (const [name, value] of [
    ["shares for", sharesFor],
    ["shares present", sharesPresent],
    ["shares outstanding", sharesOutstanding],
  ] as const) {
    if (!value.isFinite()) return `${name} is not a number`;
    if (value.isNegative() && !value.isZero()) return `${name} (${shares(value)}) is negative`;
  }
  if (sharesOutstanding.isZero()) return "no shares are outstanding";
  // Votes for are cast by holders present in person or by proxy, who are part of the outstanding shares.
  if (sharesFor.greaterThan(sharesPresent)) {
    return `shares for (${shares(sharesFor)}) exceed shares present (${shares(sharesPresent)})`;
  }
  if (sharesPresent.greaterThan(sharesOutstanding)) {
    return `shares present (${shares(sharesPresent)}) exceed shares outstanding (${shares(sharesOutstanding)})`;
  }
  return null;
}

/** 4020000 → "4,020,000"; fractional shares keep their decimals (1234.5 → "1,234.5"). */
function shares(value: Decimal): string {
  const [whole = "0", fraction] = value.abs().toFixed().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${value.isNegative() && !value.isZero() ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}
