import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import {
  CATEGORY_LETTERS,
  EXPENSE_CATEGORIES,
  N1A_LINES,
  normalizeCategory,
  summarizeExpenditures,
} from "../../src/engine/expenditures";
import type { Expenditure } from "../../src/engine/plan";

const q3 = { start: day("2026-07-01"), end: day("2026-09-30") };
const known = ["Growth", "Bond"];

function spend(
  category: string,
  amount: string,
  overrides: Partial<Expenditure> = {}
): Expenditure {
  return {
    date: day("2026-08-10"),
    portfolio: "Growth",
    category,
    amount: new Decimal(amount),
    payee: "ABC Securities",
    description: "",
    source: { table: "Expenditures", row: 1 },
    ...overrides,
  };
}

describe("expense categories (Plan §2)", () => {
  it("has the nine categories (a)–(i) with the plan's words, and Other (§2 'including but not limited to')", () => {
    // Issue 20 added Other: an expense outside (a)–(i) with its distribution purpose stated.
    expect(Object.keys(EXPENSE_CATEGORIES)).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
      "g",
      "h",
      "i",
      "other",
    ]);
    expect(EXPENSE_CATEGORIES.other.n1aLine).toBe("Other");
    expect(EXPENSE_CATEGORIES.g.planWording).toBe(
      "expenses of training sales personnel regarding the Trust"
    );
    for (const letter of CATEGORY_LETTERS) {
      const category = EXPENSE_CATEGORIES[letter];
      expect(category.letter).toBe(letter);
      expect(category.planWording).not.toMatch(/\s{2}|;\s*(and)?$/);
      expect(N1A_LINES).toContain(category.n1aLine);
    }
  });

  it("maps the categories to Form N-1A Item 19(g) lines as a fund accountant would", () => {
    const line = (letter: keyof typeof EXPENSE_CATEGORIES) => EXPENSE_CATEGORIES[letter].n1aLine;
    expect(line("a")).toBe("Compensation to underwriters");
    expect(line("b")).toBe(
      "Printing and mailing of prospectuses to other than current shareholders"
    );
    expect(line("c")).toBe("Compensation to broker-dealers");
    expect(line("d")).toBe("Advertising");
    expect(line("h")).toBe("Compensation to sales personnel");
    expect(N1A_LINES).toHaveLength(7);
  });

  it("accepts a category however the accountant typed the letter", () => {
    for (const text of ["a", "(a)", "A", " a) ", "( a )", "a."])
      expect(normalizeCategory(text)).toBe("a");
    expect(normalizeCategory("(I)")).toBe("i");
    for (const text of ["j", "", "ab", "(a", "advertising", "1"])
      expect(normalizeCategory(text)).toBeNull();
  });
});

describe("expenditure summary for a period (Plan §5)", () => {
  it("sums by portfolio, category and N-1A line, only for rows inside the period", () => {
    const rows = [
      spend("a", "1000.00"),
      spend("(c)", "250.50"),
      spend("C", "49.50", { portfolio: "bond " }),
      spend("d", "300.00", { date: day("2026-06-30") }), // Q2: ignored
      spend("d", "75.25", { date: day("2026-09-30") }), // last day of Q3: counted
    ];
    const summary = summarizeExpenditures(rows, q3, known);
    // 1000.00 + 250.50 + 49.50 + 75.25 = 1375.25
    expect(summary.total.toFixed(2)).toBe("1375.25");
    expect(summary.totalByCategory.c.toFixed(2)).toBe("300.00"); // 250.50 + 49.50
    expect(summary.byPortfolio.get("Growth")?.c.toFixed(2)).toBe("250.50");
    expect(summary.byPortfolio.get("Bond")?.c.toFixed(2)).toBe("49.50");
    expect(summary.byPortfolio.get("Bond")?.a.isZero()).toBe(true);
    expect(summary.byN1aLine["Compensation to underwriters"].toFixed(2)).toBe("1000.00");
    expect(summary.byN1aLine.Advertising.toFixed(2)).toBe("75.25");
    expect(summary.byN1aLine["Interest, carrying, or other financing charges"].isZero()).toBe(true);
    expect(summary.exceptions).toEqual([]);
  });

  it("an expenditure outside (a)–(i) is an error and is not counted in any category", () => {
    const summary = summarizeExpenditures([spend("j", "500.00"), spend("b", "20.00")], q3, known);
    expect(summary.total.toFixed(2)).toBe("20.00");
    const [finding] = summary.exceptions;
    expect(finding).toMatchObject({
      severity: "error",
      rule: "expenditure-category",
      portfolio: "Growth",
    });
    expect(finding?.message).toContain("not counted in any category");
  });

  it("a negative amount is a warning but counts, as a credit or reversal", () => {
    const summary = summarizeExpenditures([spend("e", "100.00"), spend("e", "-40.00")], q3, known);
    expect(summary.totalByCategory.e.toFixed(2)).toBe("60.00");
    expect(summary.exceptions.map((e) => `${e.severity} ${e.rule}`)).toEqual([
      "warning expenditure-negative",
    ]);
  });

  it("an unknown portfolio is an error and is not counted", () => {
    const summary = summarizeExpenditures(
      [spend("a", "100.00", { portfolio: "Equity" })],
      q3,
      known
    );
    expect(summary.total.isZero()).toBe(true);
    expect(summary.exceptions.map((e) => e.rule)).toEqual(["unknown-portfolio"]);
  });

  it("category totals add up to the total of rows with a valid category and portfolio", () => {
    const row = fc.record({
      offset: fc.integer({ min: -20, max: 110 }),
      portfolio: fc.constantFrom("Growth", "Bond", "Equity", " growth "),
      category: fc.constantFrom("a", "(b)", "C", " i) ", "j", "x", "h"),
      cents: fc.integer({ min: -100_000, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (generated) => {
        const rows = generated.map((g) =>
          spend(g.category, new Decimal(g.cents).dividedBy(100).toFixed(2), {
            date: q3.start + g.offset,
            portfolio: g.portfolio,
          })
        );
        const summary = summarizeExpenditures(rows, q3, known);
        let expected = new Decimal(0);
        for (const r of rows) {
          const inPeriod = r.date >= q3.start && r.date <= q3.end;
          const validPortfolio = r.portfolio.trim().toLowerCase() !== "equity";
          if (inPeriod && validPortfolio && normalizeCategory(r.category) !== null)
            expected = expected.plus(r.amount);
        }
        const byCategory = CATEGORY_LETTERS.reduce(
          (acc, l) => acc.plus(summary.totalByCategory[l]),
          new Decimal(0)
        );
        const byLine = N1A_LINES.reduce((acc, l) => acc.plus(summary.byN1aLine[l]), new Decimal(0));
        let byPortfolio = new Decimal(0);
        for (const record of summary.byPortfolio.values())
          for (const l of CATEGORY_LETTERS) byPortfolio = byPortfolio.plus(record[l]);
        return (
          byCategory.equals(summary.total) &&
          summary.total.equals(expected) &&
          byLine.equals(expected) &&
          byPortfolio.equals(expected)
        );
      })
    );
  });
});
