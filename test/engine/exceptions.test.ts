import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { exception, type PlanException, sortExceptions } from "../../src/engine/exceptions";

/** Findings of the given severities, portfolios and dates, each numbered in its message. */
function findingOf(
  severity: fc.Arbitrary<PlanException["severity"]>,
  portfolio: fc.Arbitrary<string | undefined>,
  date: fc.Arbitrary<number | undefined>
): fc.Arbitrary<PlanException> {
  return fc.tuple(severity, portfolio, date, fc.nat(1000)).map(([s, p, d, n]) =>
    exception(s, "input", `finding ${n}`, {
      ...(p !== undefined ? { portfolio: p } : {}),
      ...(d !== undefined ? { date: d } : {}),
    })
  );
}

const ORDER = { error: 0, warning: 1, info: 2 };

/** The reference: a stable sort by the comparator as written, a `localeCompare` per comparison. */
function inComparatorOrder(list: readonly PlanException[]): PlanException[] {
  return [...list].sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.portfolio ?? "").localeCompare(b.portfolio ?? "") ||
      (a.date ?? 0) - (b.date ?? 0)
  );
}

describe("the order of findings", () => {
  it("is errors, warnings, notes; then portfolio in localeCompare order; then date; else as listed", () => {
    const severity = fc.constantFrom("error" as const, "warning" as const, "info" as const);
    const portfolio = fc.option(
      fc.constantFrom(
        "Growth",
        "growth",
        "Grówth",
        "Mid Cap",
        "mid cap",
        "Income",
        "",
        "Zeta",
        "a",
        "A"
      ),
      { nil: undefined }
    );
    const date = fc.option(fc.integer({ min: 19_000, max: 19_010 }), { nil: undefined });
    const finding = findingOf(severity, portfolio, date);
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 40 }), (list: PlanException[]) => {
        expect(sortExceptions(list)).toEqual(inComparatorOrder(list));
      }),
      { numRuns: 1000 }
    );
  });

  it("sorts long lists, days far apart and days that are not finite as the comparator does", () => {
    const severity = fc.constantFrom("error" as const, "warning" as const, "info" as const);
    const portfolio = fc.option(fc.constantFrom("Growth", "growth", "Income", "Zeta", ""), {
      nil: undefined,
    });
    const date = fc.option(
      fc.oneof(
        { weight: 30, arbitrary: fc.integer({ min: -3_000_000, max: 3_000_000 }) },
        { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, Number.NaN, -0) }
      ),
      { nil: undefined }
    );
    const finding = findingOf(severity, portfolio, date);
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 300, size: "max" }), (list: PlanException[]) => {
        expect(sortExceptions(list)).toEqual(inComparatorOrder(list));
      }),
      { numRuns: 300 }
    );
  });
});
