import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { nothingToCheck } from "../../src/engine/nothingToCheck";
import { parseQuarter } from "../../src/engine/periods";
import { defaultSettings, emptyPlan, type Plan } from "../../src/engine/plan";
import { quarterlyReport } from "../../src/engine/quarterlyReport";
import { checkNotice } from "../../src/taskpane/notices";
import { reportLayout } from "../../src/workbook/reportLayout";
import { cellValue } from "../../src/workbook/sheetLayout";

/** A portfolio set up, with NAVs only from 2027: nothing to check in 2026. */
function growthFrom2027(): Plan {
  return {
    ...emptyPlan(),
    portfolios: [defaultSettings("Growth")],
    netAssets: [{ date: day("2027-01-04"), portfolio: "Growth", netAssets: new Decimal(1e8) }],
  };
}

describe("nothing to check is not compliance (issue 20 item 12)", () => {
  it("a plan as Set up plan leaves it names its empty tables and is never 'no errors'", () => {
    const evaluation = evaluatePlan(emptyPlan(), { asOf: day("2026-11-30") });
    // Before issue 20 the evaluation had no word for this: zero findings read as compliance.
    expect(evaluation.exceptions).toEqual([]);
    expect(evaluation.nothingToCheck?.emptyTables).toEqual([
      "Portfolios",
      "Rates",
      "Governance",
      "NetAssets",
    ]);
    expect(evaluation.nothingToCheck?.message).toMatch(
      /^Nothing to check: the Portfolios, Rates, Governance and NetAssets tables are empty\./
    );
    const notice = checkNotice(
      {
        exceptions: [],
        highlighted: [],
        refused: [],
        nothingToCheck: evaluation.nothingToCheck,
      },
      day("2026-11-30")
    );
    expect(notice.title).toBe("Nothing to check yet");
    expect(notice.title).not.toBe("No errors");
  });

  it("portfolios with no NAV in the period are nothing to check either, and the message says so", () => {
    const found = nothingToCheck(growthFrom2027(), { start: -Infinity, end: day("2026-11-30") });
    expect(found?.message).toContain(
      "no portfolio of the Portfolios table has a NAV on or before 2026-11-30"
    );
    expect(
      nothingToCheck(growthFrom2027(), { start: -Infinity, end: day("2027-01-04") })
    ).toBeNull();
  });

  it("a report on an empty plan says so on its first line, and its trust row is not 'None in breach'", () => {
    const report = quarterlyReport(emptyPlan(), parseQuarter("2026Q3")!, {
      asOf: day("2026-11-30"),
      preparedAt: "now",
    });
    expect(report.nothingToCheck).not.toBeNull();
    const layout = reportLayout(report);
    const first = layout.cells.find((c) => c.row === 1 && c.column === 1);
    expect(String(cellValue(first!))).toMatch(/2026 Q3 — Nothing to check: /);
    const texts = layout.cells.map((c) => String(cellValue(c)));
    expect(texts).not.toContain("None in breach");
    expect(texts).toContain("Nothing to check");
  });
});
