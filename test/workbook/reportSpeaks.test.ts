/**
 * The report speaks for its quarter and agrees with itself (SPEC §5), on the
 * demo trust (samples/sample-trust.xlsx, as of 2026-11-28): the cell values
 * of the layout, block by block.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../../src/cli/loadPlan";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { parseQuarter } from "../../src/engine/periods";
import type { Plan } from "../../src/engine/plan";
import { ceilingOn } from "../../src/engine/ceiling";
import { feesPaidFor } from "../../src/engine/payable";
import {
  quarterlyReport,
  type QuarterlyReport,
  reportEvaluation,
} from "../../src/engine/quarterlyReport";
import { auditFacts } from "../../src/workbook/auditTrail";
import { reportLayout } from "../../src/workbook/reportLayout";
import {
  boardMessage,
  headerFooterText,
  moneyText,
  sizedSection,
} from "../../src/workbook/reportWords";
import { cellValue, type SheetLayout } from "../../src/workbook/sheetLayout";

const AS_OF = day("2026-11-28");
let plan: Plan;
const reports = new Map<string, { report: QuarterlyReport; layout: SheetLayout }>();

function build(quarter: string) {
  const cached = reports.get(quarter);
  if (cached) return cached;
  const report = quarterlyReport(plan, parseQuarter(quarter)!, {
    asOf: AS_OF,
    preparedAt: "2026-11-28 10:00 UTC",
  });
  const built = { report, layout: reportLayout(report) };
  reports.set(quarter, built);
  return built;
}

/** The values of a layout row, by column (1-based), as Excel shows them. */
function rowValues(layout: SheetLayout, row: number): (string | number | null)[] {
  const values: (string | number | null)[] = [];
  for (const cell of layout.cells) if (cell.row === row) values[cell.column] = cellValue(cell);
  return values;
}

/** The rows whose column A is `label`, in order (a label repeats in several blocks). */
function rowsLabelled(layout: SheetLayout, label: string): number[] {
  return layout.cells
    .filter((c) => c.column === 1 && "text" in c && c.text === label)
    .map((c) => c.row);
}

/** Row of a block's band (its title starts with `number.`). */
function blockRow(layout: SheetLayout, number: number): number {
  return layout.cells.find(
    (c) => c.column === 1 && "text" in c && c.text.startsWith(`${number}. `)
  )!.row;
}

/** The row labelled `label` inside block `number`. */
function inBlock(layout: SheetLayout, number: number, label: string): (string | number | null)[] {
  const start = blockRow(layout, number);
  const end = blockRow(layout, number + 1);
  const row = rowsLabelled(layout, label).find((r) => r > start && r < end)!;
  return rowValues(layout, row);
}

beforeAll(async () => {
  const loaded = await loadPlan("samples/sample-trust.xlsx");
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  plan = loaded.read.plan;
});

describe("one measure (SPEC §5)", () => {
  it("ADNA × max rate × days ÷ 365 gives the maximum shown, to the cent, for every portfolio in effect in 2026 Q3", () => {
    const { layout, report } = build("2026Q3");
    const evaluation = reportEvaluation(plan, day("2026-09-30"), { asOf: AS_OF });
    for (const line of report.portfolios.filter((l) => l.daysInEffect > 0)) {
      const row = inBlock(layout, 1, line.portfolio);
      // Columns: days B, ADNA C, … maximum I (after the ceiling column E).
      const [days, adna, maximum] = [row[2] as number, row[3] as number, row[9] as number];
      // The ADNA cell holds cents, not 235617207.0998901.
      expect(Math.round(adna * 100) / 100).toBe(adna);
      // The ceiling in force (Plan §8): Income's typed .75% has no Class B vote, so .50% holds.
      const ceiling = evaluation.portfolios.find(
        (p) => p.settings.portfolio === line.portfolio
      )!.ceiling;
      expect(ceiling.from === null || ceiling.from <= day("2026-07-01")).toBe(true);
      const expected = new Decimal(adna)
        .times(ceilingOn(ceiling, day("2026-07-01")))
        .times(days)
        .dividedBy(365)
        .toDecimalPlaces(2);
      expect(Math.abs(expected.toNumber() - maximum), line.portfolio).toBeLessThanOrEqual(0.01);
    }
  });

  it("fees paid are the payments recorded, the same figure in the fee and Item 19(g) blocks; the carryforward shows fees earned and the part payable", () => {
    const { layout, report } = build("2026Q3");
    const income = report.portfolios.find((l) => l.portfolio === "Income Portfolio")!;
    // Fees paid are the payments recorded for the quarter's billing periods (oldest first).
    const payable = reportEvaluation(plan, day("2026-09-30"), { asOf: AS_OF }).portfolios[1]!
      .payable!;
    expect(income.feesPaid.toFixed(2)).toBe(
      feesPaidFor(payable, day("2026-07-01"), day("2026-09-30")).toFixed(2)
    );
    const paid = income.feesPaid.toNumber();
    expect(inBlock(layout, 1, "Income Portfolio")[7]).toBe(paid);
    // Block 4 deducts fees earned, paid or payable (issue 20): earned − still payable is what
    // was paid for the quarter's own billing periods, the figure of blocks 1 and 3.
    const carried = report.carryforward.find((l) => l.portfolio === "Income Portfolio")!;
    expect(inBlock(layout, 4, "Income Portfolio")[5]).toBe(carried.feesEarned.toNumber());
    expect(inBlock(layout, 4, "Income Portfolio")[6]).toBe(carried.payable.toNumber());
    if (!income.feesPaid.greaterThan(carried.feesEarned))
      expect(carried.feesEarned.minus(carried.payable).toFixed(2)).toBe(income.feesPaid.toFixed(2));
    const item19 = inBlock(layout, 3, "Fees paid under the plan (table 1)");
    expect(item19[3]).toBe(paid);
    // The trust's fees paid, in every block.
    const trust = report.trust.feesPaid.toNumber();
    expect(inBlock(layout, 1, "Trust")[7]).toBe(trust);
    expect(item19.at(-1)).toBe(trust);
  });

  it("the carryforward reconciles: opening + incurred − fees earned + fees beyond expenses = closing", () => {
    const { report } = build("2026Q3");
    for (const line of report.carryforward)
      expect(
        line.opening
          .plus(line.incurred)
          .minus(line.feesEarned)
          .plus(line.beyondExpenses)
          .toFixed(2),
        line.portfolio
      ).toBe(line.closing.toFixed(2));
  });
});

describe("partial plan (Plan §1)", () => {
  it("a portfolio in effect on no day of the quarter shows — for ADNA and rate, and the trust counts in-effect portfolio-days only", () => {
    const { layout, report } = build("2026Q3");
    const small = inBlock(layout, 1, "Small Cap Portfolio");
    expect([small[2], small[3], small[4], small[5], small[12]]).toEqual([
      0,
      "—",
      "—",
      "—",
      "Not in effect",
    ]);
    const trust = inBlock(layout, 1, "Trust");
    const inEffect = report.portfolios.filter((l) => l.daysInEffect > 0);
    expect(trust[2]).toBe(4 * 92);
    // Σ ADNA × days ÷ 92 over the four portfolios in effect, not Small Cap's 68 M.
    const expected = inEffect.reduce((sum, l) => sum + l.averageDailyNetAssets!.toNumber(), 0);
    expect(Math.abs((trust[3] as number) - expected)).toBeLessThan(0.05);
  });

  it("the trust row gives totals and the number of portfolios in breach, never a netted headroom", () => {
    const { layout } = build("2026Q3");
    const trust = inBlock(layout, 1, "Trust");
    expect([trust[10], trust[11], trust[12]]).toEqual(["—", "—", "1 in breach"]);
    expect(inBlock(layout, 1, "Mid Cap Portfolio")[12]).toBe("BREACH");
  });
});

describe("as it stood on the quarter's last day", () => {
  it("2025 Q3 shows no 2026 vote, termination or assignment", () => {
    const { layout, report } = build("2025Q3");
    const end = day("2025-09-30");
    for (const line of report.governance) {
      expect(line.lastApprovalOrContinuance! <= end, line.portfolio).toBe(true);
      expect(line.state, line.portfolio).toBe("In effect");
    }
    const harbor = inBlock(layout, 6, "Contract Owner Servicing Agreement");
    // Assigned on 2026-03-31: in 2025 Q3 it was in force, with no assignment and no finding.
    expect([harbor[7], harbor[9], harbor[10]]).toEqual(["—", "Yes", "None."]);
    expect(report.exceptions.some((e) => e.rule === "agreement-assigned")).toBe(false);
    expect(report.exceptions.every((e) => e.date === null || e.date <= end)).toBe(true);
  });

  it("2026 Q3 does not list the 2025 lapse cured by International's re-approval as a current error", () => {
    const { report } = build("2026Q3");
    expect(report.exceptions.filter((e) => e.rule === "plan-lapsed")).toEqual([]);
  });
});

describe("consistent rows", () => {
  it("a terminated portfolio says 'Terminated on …', with no lapse countdown", () => {
    const { layout } = build("2026Q3");
    const small = inBlock(layout, 5, "Small Cap Portfolio");
    // Dates in sentences are written for people (SPEC §5, 2026-12-06).
    expect([small[2], small[5], small[6]]).toEqual(["Terminated on 15 May 2026", "—", "—"]);
  });

  it("an assigned agreement is not in force, and its findings say it ended", () => {
    const { layout } = build("2026Q3");
    const harbor = inBlock(layout, 6, "Contract Owner Servicing Agreement");
    expect(harbor[9]).toBe("No");
    expect(String(harbor[10])).toMatch(/^It was assigned on 31 March 2026, so it ended then/);
    expect(String(harbor[10])).not.toMatch(/still active/);
  });

  it("a breach of accrued and of paid by the same amount is one finding", () => {
    const { report } = build("2026Q3");
    const midCap = report.exceptions.filter((e) => e.portfolio === "Mid Cap Portfolio");
    expect(midCap.filter((e) => e.rule === "cap-breach-paid")).toEqual([]);
    const quarter = midCap.find((e) => e.message.includes(" in 2026 Q3 "))!;
    const line = report.portfolios.find((l) => l.portfolio === "Mid Cap Portfolio")!;
    // Accrued = paid, so the two breaches are one finding, with the figures of table 1.
    expect(line.feesAccrued.toFixed(2)).toBe(line.feesPaid.toFixed(2));
    expect(boardMessage(quarter.message)).toBe(
      `Mid Cap Portfolio: fees accrued and paid of ${moneyText(line.feesPaid)} in 2026 Q3 exceed the maximum allowable ${moneyText(line.maximumAllowable)} by ${moneyText(line.headroomPaid.negated())} (Plan §1 limit).`
    );
  });
});

describe("words for a board", () => {
  it("no 'SPEC', no amount of four or more digits without separators, one spelling of the quarter", () => {
    const { layout } = build("2026Q3");
    const texts = layout.cells.flatMap((c) => ("text" in c ? [c.text] : []));
    expect(texts.filter((t) => /SPEC/.test(t))).toEqual([]);
    expect(texts.filter((t) => /(^|[^\d,.:-])\d{4,}\.\d{2}\b/.test(t))).toEqual([]);
    expect(texts.filter((t) => /2026-?Q3/.test(t))).toEqual([]);
    expect(texts.some((t) => t.includes("2026 Q3"))).toBe(true);
  });

  it("a missing opening NAV is about that day, not the whole portfolio", () => {
    expect(
      boardMessage(
        "Growth: no NAV before 2022-12-01, so nothing accrues for it; start the series one NAV earlier."
      )
    ).toBe(
      "Growth: no NAV before 1 December 2022, so nothing accrues for that day; start the series one NAV earlier."
    );
  });

  it("a finding's source is said once, plainly, in its own column", () => {
    const { layout } = build("2026Q3");
    const texts = layout.cells.flatMap((c) => ("text" in c ? [c.text] : []));
    // The assigned servicing agreement is row 4 of the demo's Agreements table.
    expect(texts).toContain("Plan sheet, Agreements table, row 4");
    expect(texts.filter((t) => /\[(sheet|table) /.test(t))).toEqual([]);
  });
});

describe("printing codes", () => {
  it("doubles a literal & and puts a space between a size code and a digit", () => {
    expect(headerFooterText("R&D desk")).toBe("R&&D desk");
    expect(sizedSection(8, "12b-1 report")).toBe("&8 12b-1 report");
    expect(sizedSection(8, "Rule 12b-1")).toBe("&8Rule 12b-1");
    const { layout } = build("2026Q3");
    expect(layout.print.header).toContain("&R&8 12b-1 report, 2026 Q3");
  });

  it("the sign-off has no empty 'Date' beside the board review date", () => {
    const { layout } = build("2026Q3");
    const board = rowsLabelled(layout, "Reviewed by the Board on")[0]!;
    expect(rowValues(layout, board).includes("Date")).toBe(false);
    const prepared = rowsLabelled(layout, "Prepared by (Treasurer's office)")[0]!;
    expect(rowValues(layout, prepared)).toContain("Date");
  });
});

describe("the sign-off and the chart caption", () => {
  it("the sign-off names the preparer of the Reviews table, and the caption points at the Trust column", () => {
    const { report } = build("2026Q3");
    const preparer = report.signOff?.preparedBy ?? "";
    expect(preparer).not.toBe("");
    const layout = reportLayout(
      report,
      auditFacts({
        preparedBy: "root",
        preparedByIsAccount: true,
        preparedAt: "2026-11-28 10:00 UTC",
        inputWorkbook: "sample-trust.xlsx",
        netAssets: [],
      })
    );
    const signOff = rowsLabelled(layout, "Prepared by (Treasurer's office)")[0]!;
    expect(rowValues(layout, signOff)[2]).toBe(preparer);
    const texts = layout.cells.flatMap((c) => ("text" in c ? [c.text] : []));
    // The run's account and the fingerprint are on the audit trail sheet, not the board's pages.
    expect(texts.filter((t) => /root|fingerprint|N:[0-9a-f]{16}/i.test(t))).toEqual([]);
    expect(
      texts.some((t) => t.startsWith("Chart (right):") && t.includes("(the Trust column)"))
    ).toBe(true);
  });
});

describe("an unfinished quarter (SPEC §5 'Finished quarters only')", () => {
  it("2026 Q4 as of 2026-11-28 runs through that day and says PRELIMINARY in its title and page header", () => {
    const { layout, report } = build("2026Q4");
    expect(report.preliminary).toBe(true);
    // 1 October to 28 November: 31 + 28 = 59 days.
    expect(report.portfolios[0]!.daysInEffect).toBe(59);
    expect(String(cellValue(layout.cells.find((c) => c.row === 1)!))).toMatch(/^PRELIMINARY — /);
    expect(layout.print.header).toContain("PRELIMINARY");
  });
});
