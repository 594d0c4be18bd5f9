import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day, isoDate } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { parseQuarter, type Period } from "../../src/engine/periods";
import type { Plan } from "../../src/engine/plan";
import { netAssetsText, toFixedCents } from "../../src/engine/money";
import { CentsNetAssetsRow } from "../../src/workbook/netAssetsRow";
import { Fnv1a64, fnv1a64, fnv1a64Lines } from "../../src/engine/fnv1a64";
import { navHashInTableOrder, navLinesInOrder } from "../../src/engine/navFingerprint";
import { quarterFingerprint, quarterFingerprints } from "../../src/engine/reviewLock";
import { trustArbitrary } from "../support/trusts";

/** A plan of NetAssets rows alone: what the fingerprint reads. */
function planOfNetAssets(netAssets: Plan["netAssets"]): Plan {
  return {
    ...({} as Plan),
    netAssets,
    rates: [],
    expenditures: [],
    payments: [],
    governance: [],
    agreements: [],
    portfolios: [],
  } as Plan;
}

/**
 * The fingerprint as it was first recorded in workbooks (canonical lines built with
 * `toFixed(2)`, sorted, joined by line feeds, hashed whole): the stored format the faster
 * `quarterFingerprint` must reproduce character for character.
 */
function recordedFingerprint(plan: Plan, quarter: Period): string {
  const upToEnd = (d: number) => d <= quarter.end;
  const name = (text: string) => text.trim().toLowerCase();
  const dated = (d: number | null) => (d === null || !upToEnd(d) ? "" : isoDate(d));
  const count = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  const lines = {
    N: plan.netAssets
      .filter((row) => upToEnd(row.date))
      .map((row) => `${name(row.portfolio)}|${isoDate(row.date)}|${row.netAssets.toFixed(2)}`),
    R: plan.rates
      .filter((rate) => rate.effective <= quarter.end)
      .map(
        (rate) =>
          `${name(rate.portfolio)}|${isoDate(rate.effective)}|${rate.annualRate.toString()}|${rate.boardApproval ?? ""}|${rate.shareholderApproval ?? ""}`
      ),
    E: plan.expenditures
      .filter((row) => upToEnd(row.date))
      .map(
        (row) =>
          `${name(row.portfolio)}|${isoDate(row.date)}|${row.category.trim().toLowerCase()}|${row.amount.toFixed(2)}|${name(row.payee)}|${name(row.agreement ?? "")}`
      ),
    P: plan.payments
      .filter((row) => upToEnd(row.date))
      .map(
        (row) =>
          `${name(row.portfolio)}|${isoDate(row.date)}|${row.amount.toFixed(2)}${row.overrideReason ? `|${row.overrideReason.trim()}` : ""}`
      ),
    G: plan.governance
      .filter((row) => upToEnd(row.date))
      .map((row) =>
        [
          name(row.portfolio),
          isoDate(row.date),
          row.action,
          count(row.trusteesFor),
          count(row.trusteesTotal),
          count(row.independentFor),
          count(row.independentTotal),
          count(row.inPerson),
          row.sharesFor?.toString() ?? "",
          row.sharesPresent?.toString() ?? "",
          row.sharesOutstanding?.toString() ?? "",
        ].join("|")
      ),
    A: plan.agreements
      .filter((row) => row.approved === null || upToEnd(row.approved))
      .map((row) =>
        [
          name(row.agreement),
          name(row.counterparty),
          name(row.portfolio),
          dated(row.approved),
          count(row.inWriting),
          count(row.noticeDays),
          dated(row.assigned),
          dated(row.terminated),
        ].join("|")
      ),
    S: plan.portfolios.map((row) =>
      [
        name(row.portfolio),
        row.planEffective === null ? "" : isoDate(row.planEffective),
        row.maxAnnualRate.toString(),
        row.dayCount,
        row.navTiming,
        row.weekendBooking,
        row.rounding,
        row.capBasis,
        row.planType,
        row.payment,
        row.paymentTolerance.toFixed(2),
        String(row.fiscalYearEndMonth),
      ].join("|")
    ),
  };
  return (["N", "R", "E", "P", "G", "A", "S"] as const)
    .map((part) => `${part}:${fnv1a64([...lines[part]].sort().join("\n"))}`)
    .join(";");
}

/** Amounts of every form a cell can give: whole cents, sub-cent, negative, zero, past 2^53 cents. */
const amount = fc
  .oneof(
    fc
      .bigInt({ min: 0n, max: 2n ** 53n - 1n })
      .map((cents) => new Decimal(cents.toString()).dividedBy(100)),
    fc
      .bigInt({ min: -(10n ** 20n), max: 10n ** 20n })
      .map((units) => new Decimal(units.toString()).dividedBy(1000)),
    fc.constantFrom(
      "0",
      "-0",
      "0.004",
      "0.005",
      "-0.005",
      "0.01",
      "9007199254740991",
      "90071992547409.92",
      "1e25",
      "123.456789"
    )
  )
  .map((value) => (typeof value === "string" ? new Decimal(value) : value));

describe("the review lock's fingerprint on its fast path", () => {
  it("an amount written from its whole cents reads as toFixed(2) writes it", () => {
    fc.assert(
      fc.property(amount, (value) => {
        expect(toFixedCents(value)).toBe(value.toFixed(2));
      }),
      { numRuns: 2000 }
    );
  });

  it("a NAV row read as cents writes its amount as its decimal's toFixed(2)", () => {
    const cents = fc.oneof(
      fc.integer({ min: 0, max: 1000 }),
      fc.maxSafeNat(),
      fc.constantFrom(0, 1, 9, 10, 99, 100, 101, 2 ** 50, 2 ** 53 - 1)
    );
    fc.assert(
      fc.property(cents, (value) => {
        const row = new CentsNetAssetsRow(0 as never, "Growth", value);
        expect(netAssetsText(row)).toBe(row.netAssets.toFixed(2));
      }),
      { numRuns: 2000 }
    );
    // A row read as a decimal (not whole cents) takes the decimal's own text.
    const decimalRow = new CentsNetAssetsRow(0 as never, "Growth", new Decimal("0.125"));
    expect(netAssetsText(decimalRow)).toBe("0.13");
  });

  it("lines hashed one after another hash as their joined text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 6 }), (lines) => {
        expect(fnv1a64Lines(lines)).toBe(fnv1a64(lines.join("\n")));
      })
    );
  });

  it("every quarter's fingerprint of a whole trust is the one recorded in workbooks before", () => {
    const quarters = ["2024Q4", "2025Q1", "2025Q2", "2025Q4", "2026Q1"].map((q) =>
      parseQuarter(q)!
    );
    fc.assert(
      fc.property(trustArbitrary, fc.constantFrom(...quarters), (plan, quarter) => {
        expect(quarterFingerprint(plan, quarter)).toBe(recordedFingerprint(plan, quarter));
      }),
      { numRuns: 200 }
    );
  });

  it("NAV amounts of every form, names in any case and spacing, in any order, give the recorded fingerprint", () => {
    const row = fc.record({
      portfolio: fc.constantFrom(
        "Growth",
        " growth ",
        "GROWTH",
        "Mid Cap",
        "mid cap",
        "Mid",
        "a b",
        "a"
      ),
      date: fc.integer({ min: 19_900, max: 20_700 }),
      netAssets: amount,
    });
    const quarter = parseQuarter("2026Q1")!;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (netAssets) => {
        const plan = planOfNetAssets(netAssets);
        expect(quarterFingerprint(plan, quarter)).toBe(recordedFingerprint(plan, quarter));
      }),
      { numRuns: 500 }
    );
  });

  it("the fingerprints of several quarters made together are each quarter's own", () => {
    const quarters = ["2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q4", "2026Q1"].map((q) =>
      parseQuarter(q)!
    );
    fc.assert(
      fc.property(trustArbitrary, fc.subarray(quarters), (plan, some) => {
        expect(quarterFingerprints(plan, some)).toEqual(
          some.map((quarter) => recordedFingerprint(plan, quarter))
        );
      }),
      { numRuns: 150 }
    );
  });

  it("texts hashed piece by piece hash as their joined text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 8 }), (pieces) => {
        const hash = new Fnv1a64();
        for (const piece of pieces) hash.add(piece);
        expect(hash.hex()).toBe(fnv1a64(pieces.join("")));
      })
    );
  });

  it("NAV rows that stand a portfolio at a time in rising dates give the recorded fingerprint without sorting lines", () => {
    // Each row names a portfolio in some spelling and steps its date on from that portfolio's
    // last row; a step of 0 or less repeats a date or goes back (the lines are then sorted).
    // Names with "|" (lines of two portfolios may then sort inside a name), names one the
    // start of another ("a", "a b", "a|"), case and spaces, years of five digits.
    const spellings = fc.shuffledSubarray(
      [
        "Growth",
        " growth ",
        "GROWTH",
        "Mid Cap",
        "mid cap",
        "Mid",
        "a b",
        "a",
        "a|",
        "a|b",
        "a|1",
        "a|2024-12-31",
        "",
        "Ωmega",
        "Zeta",
      ],
      { minLength: 1, maxLength: 5 }
    );
    const row = fc.record({
      which: fc.nat(),
      step: fc.oneof(
        { weight: 200, arbitrary: fc.integer({ min: 1, max: 40 }) },
        { weight: 1, arbitrary: fc.integer({ min: -3, max: 0 }) }
      ),
      netAssets: amount,
    });
    const quarters = ["2024Q4", "2025Q2", "2026Q1", "9999Q4"].map((q) => parseQuarter(q)!);
    let fast = 0;
    let inTableOrder = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        spellings,
        fc.array(row, { maxLength: 80, size: "medium" }),
        fc.constantFrom(19_900, 20_000, 2_932_000),
        fc.subarray(quarters, { minLength: 1 }),
        fc.boolean(),
        (names, steps, start, some, together) => {
          const last = new Map<string, number>();
          const rows = steps.map(({ which, step, netAssets }) => {
            const portfolio = names[which % names.length]!;
            const key = portfolio.trim().toLowerCase();
            const date = (last.get(key) ?? start) + step;
            last.set(key, date);
            return { portfolio, date, netAssets };
          });
          // Half the tables hold each portfolio's rows together, portfolios in name order (as a
          // trust's usually does): the rows are then hashed as they stand.
          const byName = (row: (typeof rows)[number]) => row.portfolio.trim().toLowerCase();
          const netAssets = together
            ? [...rows].sort((a, b) => (byName(a) < byName(b) ? -1 : byName(a) > byName(b) ? 1 : 0))
            : rows;
          const plan = planOfNetAssets(netAssets);
          runs += 1;
          if (navLinesInOrder(netAssets, some.at(-1)!.end) !== null && netAssets.length > 5)
            fast += 1;
          if (navHashInTableOrder(netAssets, some.at(-1)!.end) !== null && netAssets.length > 5)
            inTableOrder += 1;
          for (const quarter of some)
            expect(quarterFingerprint(plan, quarter)).toBe(recordedFingerprint(plan, quarter));
          expect(quarterFingerprints(plan, some)).toEqual(
            some.map((quarter) => recordedFingerprint(plan, quarter))
          );
        }
      ),
      { numRuns: 400 }
    );
    // The shortcut is taken often enough to be what the property tests.
    expect(fast).toBeGreaterThan(runs / 10);
    expect(inTableOrder).toBeGreaterThan(runs / 20);
  });

  it("the NAV lines in line order are each portfolio's rows in rising dates, portfolios as their lines sort", () => {
    const row = (portfolio: string, iso: string, cents: number) =>
      new CentsNetAssetsRow(day(iso), portfolio, cents);
    const rows = [
      row("Growth", "2025-01-02", 100),
      row("A", "2025-01-02", 200),
      row(" growth", "2025-01-03", 101),
      row("A B", "2025-01-03", 300),
      row("a", "2025-01-06", 201),
    ];
    // "a b|" sorts before "a|" (a space is below "|"), and both before "growth|".
    expect(navLinesInOrder(rows, day("2025-12-31"))).toEqual([
      { name: "a b", days: [day("2025-01-03")], dates: ["2025-01-03"], amounts: ["3.00"] },
      {
        name: "a",
        days: [day("2025-01-02"), day("2025-01-06")],
        dates: ["2025-01-02", "2025-01-06"],
        amounts: ["2.00", "2.01"],
      },
      {
        name: "growth",
        days: [day("2025-01-02"), day("2025-01-03")],
        dates: ["2025-01-02", "2025-01-03"],
        amounts: ["1.00", "1.01"],
      },
    ]);
    // A date repeated for a portfolio, or a name with "|": the lines are sorted instead.
    expect(navLinesInOrder([...rows, row("A", "2025-01-06", 1)], day("2025-12-31"))).toBeNull();
    expect(navLinesInOrder([row("a|b", "2025-01-06", 1)], day("2025-12-31"))).toBeNull();
    // A year of five digits ("10000-01-01" sorts before "9999-12-31"): sorted too.
    const tenThousand = new CentsNetAssetsRow(day("9999-12-31") + 1, "A", 1);
    expect(navLinesInOrder([row("A", "9999-12-31", 1), tenThousand], Infinity)).toBeNull();
    // Rows after the end are left out, wherever they stand.
    expect(
      navLinesInOrder([row("A", "2026-01-06", 1), row("A", "2025-01-06", 1)], day("2025-12-31"))
    ).toHaveLength(1);
  });
});
