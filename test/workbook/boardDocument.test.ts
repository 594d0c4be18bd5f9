/**
 * The board document a treasurer hands over as it is (SPEC §5, added
 * 2026-12-06; issue 23): the ceiling each maximum used, the payable at
 * quarter end explained, the Item 19(g) difference named for its sign, dates
 * written for people, no account name or fingerprint on the board's pages —
 * and the layout work linear in portfolios (issue 22 item 6).
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { day, isoDate } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { parseQuarter } from "../../src/engine/periods";
import { ceilingsInPeriod, quarterlyReport } from "../../src/engine/quarterlyReport";
import { auditFacts } from "../../src/workbook/auditTrail";
import { LayoutBuilder } from "../../src/workbook/layoutBuilder";
import { AUDIT_TRAIL_SHEET, auditTrailLayout } from "../../src/workbook/reportAuditTrail";
import { differencePart } from "../../src/workbook/reportBlocks";
import { payableFootnote, reportLayout } from "../../src/workbook/reportLayout";
import { datesInWords, longDate, preparedAtText } from "../../src/workbook/reportWords";
import { readPlan } from "../../src/workbook/readPlan";
import { cellValue, type SheetLayout } from "../../src/workbook/sheetLayout";
import { serial, table, weekdayNavs } from "../support/tables";

const AS_OF = day("2026-11-28");
const Q3 = parseQuarter("2026Q3")!;
const approval = {
  Date: serial("2025-08-15"),
  Action: "Approval",
  Portfolio: "All",
  "Trustees for": 7,
  "Trustees total": 9,
  "Independent for": 5,
  "Independent total": 6,
  "In person": "Yes",
};
const rate = (portfolio: string) => ({
  Portfolio: portfolio,
  Effective: serial("2025-08-15"),
  "Annual rate": 0.0025,
  "Board approval": serial("2025-08-15"),
});

/**
 * Growth: 73,000,000 every day at .25%, Actual/Actual in 2026 (365 days) →
 * 73,000,000 × .0025 ÷ 365 = 500.00 a day; July and August 31 days (15,500.00
 * each), September 30 (15,000.00), each paid the next month (the NAVs start
 * on 30 June, so June accrues nothing to settle first); the plan
 * approved on 15 August 2025 and continued on 10 August 2026. Value: the same,
 * with a .75% ceiling voted under Plan §8 on 3 August 2026 (5,200,000 of
 * 10,000,000 Class B shares for: more than half of those outstanding).
 */
function trust(portfolios = ["Growth", "Value"]) {
  return readPlan({
    dateSystem: "1900",
    tables: [
      table(
        "Portfolios",
        portfolios.map((p) =>
          p === "Value" ? { Portfolio: p, "Max annual rate": 0.0075 } : { Portfolio: p }
        )
      ),
      table("Rates", portfolios.map(rate)),
      table("Governance", [
        approval,
        // Continued before the first anniversary: in effect all quarter (Plan §4).
        { ...approval, Date: serial("2026-08-10"), Action: "Continuance" },
        {
          Date: serial("2026-08-03"),
          Action: "Amendment",
          Portfolio: "Value",
          "Trustees for": 7,
          "Trustees total": 9,
          "Independent for": 5,
          "Independent total": 6,
          "In person": "Yes",
          "Shares for": 5_200_000,
          "Shares present": 6_000_000,
          "Shares outstanding": 10_000_000,
        },
      ]),
      table("Payments", [
        { Date: serial("2026-08-05"), Portfolio: "Growth", Amount: 15_500, Reference: "July" },
        { Date: serial("2026-09-04"), Portfolio: "Growth", Amount: 15_500, Reference: "August" },
        { Date: serial("2026-10-09"), Portfolio: "Growth", Amount: 15_000, Reference: "September" },
      ]),
      table(
        "NetAssets",
        portfolios.flatMap((p) => weekdayNavs(p, "2026-06-30", "2026-09-30", 73_000_000))
      ),
    ],
  }).plan;
}

const report = quarterlyReport(trust(), Q3, { asOf: AS_OF, preparedAt: "2026-11-28 09:00 UTC" });
const layout = reportLayout(report);
const texts = (l: SheetLayout) => l.cells.flatMap((c) => ("text" in c ? [c.text] : []));

/** The values of the fee table's row of `portfolio`, by column (1-based). */
function feeRow(portfolio: string): (string | number | null)[] {
  const row = layout.cells.find((c) => c.column === 1 && "text" in c && c.text === portfolio)!.row;
  const values: (string | number | null)[] = [];
  for (const cell of layout.cells) if (cell.row === row) values[cell.column] = cellValue(cell);
  return values;
}

describe("block 1 shows the ceiling each portfolio's maximum used (Plan §1, §8)", () => {
  it("the plan's .50%, or .50% and then a §8 ceiling from the day its votes made it hold", () => {
    expect(feeRow("Growth")[5]).toBe(".50%");
    expect(feeRow("Value")[5]).toBe(".50% to 2 Aug 2026, then .75%");
    const value = report.portfolios.find((l) => l.portfolio === "Value")!;
    expect(
      value.ceilingSpans.map((c) => [c.maxAnnualRate.toNumber(), c.from && isoDate(c.from)])
    ).toEqual([
      [0.005, null],
      [0.0075, "2026-08-03"],
    ]);
  });

  it("a ceiling that holds from before the period is the period's only one; one from after it does not count yet", () => {
    const raised = {
      maxAnnualRate: new Decimal("0.0075"),
      from: day("2026-08-03"),
      exceptions: [],
    };
    expect(ceilingsInPeriod(raised, parseQuarter("2026Q4")!)).toEqual([
      { maxAnnualRate: raised.maxAnnualRate, from: null },
    ]);
    expect(ceilingsInPeriod(raised, parseQuarter("2026Q2")!)[0]!.maxAnnualRate.toNumber()).toBe(
      0.005
    );
  });
});

describe("the payable at quarter end is explained (which periods, when paid)", () => {
  it("Growth's 15,000.00 payable on 30 September is September's fee (30 × 500.00), paid on 9 October", () => {
    const growth = report.portfolios.find((l) => l.portfolio === "Growth")!;
    expect(growth.feesAccrued.toFixed(2)).toBe((92 * 500).toFixed(2));
    // Payments for July, August and September, the last made after the quarter: 15,500 + 15,500 + 15,000.
    expect(growth.feesPaid.toFixed(2)).toBe("46000.00");
    expect(growth.payable.toFixed(2)).toBe((30 * 500).toFixed(2));
    expect(
      growth.payableBillingPeriods.map((p) => [
        p.period.label,
        p.outstanding.toFixed(2),
        p.paidOn && isoDate(p.paidOn),
      ])
    ).toEqual([["2026-09", "15000.00", "2026-10-09"]]);
    const footnote = payableFootnote(report);
    expect(footnote).toMatch(/^¹ Payable at 30 September 2026: /);
    expect(footnote).toContain("Growth: September 2026's fee, paid 9 October 2026.");
    // Value paid nothing: its fees since July are still owed.
    expect(footnote).toContain("Value: July 2026's fee, not yet paid in full; August 2026's fee");
    expect(texts(layout)).toContain(footnote);
    expect(texts(layout)).toContain("Payable at quarter end ¹");
  });
});

describe("the Item 19(g) difference is named for its sign, never a bare negative", () => {
  it("fees above expenses and expenses above fees are each shown as a positive amount on its own row", () => {
    // Growth spent nothing and was paid 46,000.00: fees above expenses 46,000.00, expenses above fees 0.
    const rowOf = (label: string) =>
      layout.cells.find((c) => c.column === 1 && "text" in c && c.text === label)!.row;
    const at = (row: number, column: number) =>
      cellValue(layout.cells.find((c) => c.row === row && c.column === column)!);
    expect(at(rowOf("Fees above expenses"), 2)).toBe(46_000);
    expect(at(rowOf("Expenses above fees: carried forward"), 2)).toBe(0);
    expect(texts(layout).some((t) => /borne by the distributor$/.test(t))).toBe(false);
    const numbers = layout.cells.flatMap((c) => {
      const v = cellValue(c);
      return typeof v === "number" &&
        (c.row === rowOf("Fees above expenses") ||
          c.row === rowOf("Expenses above fees: carried forward"))
        ? [v]
        : [];
    });
    expect(numbers.every((v) => v >= 0)).toBe(true);
  });

  it("property: the two rows are never negative, one of them is zero, and their difference is expended − paid", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const difference = cents / 100;
        const carried = differencePart(difference, 1);
        const beyond = differencePart(difference, -1);
        expect(carried).toBeGreaterThanOrEqual(0);
        expect(beyond).toBeGreaterThanOrEqual(0);
        expect(Math.min(carried, beyond)).toBe(0);
        expect(Math.round((carried - beyond) * 100)).toBe(cents);
      })
    );
  });
});

describe("dates written for people, and nothing of the run on the board's pages", () => {
  it("property: every day is written as English does (30 September 2026), and no ISO date is left in a sentence", () => {
    const english = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    fc.assert(
      fc.property(fc.integer({ min: day("1900-03-01"), max: day("2199-12-31") }), (d) => {
        const iso = isoDate(d);
        expect(longDate(d)).toBe(english.format(new Date(`${iso}T00:00:00Z`)));
        const sentence = datesInWords(`paid on ${iso}, due by ${iso}.`);
        expect(sentence).toBe(`paid on ${longDate(d)}, due by ${longDate(d)}.`);
        expect(sentence).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      })
    );
    expect(preparedAtText("2026-11-28 09:00 UTC")).toBe("28 November 2026, 09:00 UTC");
    expect(preparedAtText("R&D desk 2026-11-28")).toBe("R&D desk 2026-11-28");
  });

  it("no ISO date, operating-system account or input fingerprint on the report; the audit trail sheet has them", () => {
    const facts = auditFacts({
      preparedBy: "root",
      preparedByIsAccount: true,
      preparedAt: "2026-11-28 09:00 UTC",
      inputWorkbook: "trust.xlsx",
      netAssets: [],
    });
    const withAudit = reportLayout(report, facts);
    const onPages = texts(withAudit).join("\n");
    expect(onPages).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(onPages).not.toContain("root");
    expect(onPages).not.toContain(report.fingerprint);
    expect(onPages).not.toMatch(/fingerprint/i);
    // The sign-off line is left blank for a signature when only an account is known.
    const signOff = withAudit.cells.find(
      (c) => "text" in c && c.text === "Prepared by (Treasurer's office)"
    )!;
    const named = withAudit.cells.find((c) => c.row === signOff.row && c.column === 2)!;
    expect(cellValue(named)).toBe("");
    const trail = auditTrailLayout(facts, [
      { sheet: withAudit.sheetName, period: "2026 Q3", fingerprint: report.fingerprint },
    ]);
    expect(trail.sheetName).toBe(AUDIT_TRAIL_SHEET);
    expect(texts(trail)).toEqual(
      expect.arrayContaining([
        "Run under the account",
        "root",
        report.fingerprint,
        "12b-1 Report 2026-Q3",
      ])
    );
    // A name given (the pane's "Prepared by", --prepared-by) is the sign-off's.
    const byName = reportLayout(report, {
      ...facts,
      preparedBy: "J. Doe",
      preparedByIsAccount: false,
    });
    const line = byName.cells.find((c) => c.row === signOff.row && c.column === 2)!;
    expect(cellValue(line)).toBe("J. Doe");
  });
});

describe("the audit trail's input fingerprints are printed whole", () => {
  // Merged over four columns of 20 (72 characters a line, a tenth kept for wide letters): a
  // quarter's fingerprint of seven parts is 132 characters and was cut at the page's edge.
  const facts = auditFacts({
    preparedBy: "J. Doe",
    preparedByIsAccount: false,
    preparedAt: "2026-11-28 09:00 UTC",
    inputWorkbook: "trust.xlsx",
    netAssets: [],
  });
  const part = (letter: string) => `${letter}:70918ad9eeaebafe`;
  const fingerprintRow = (fingerprint: string | null) => {
    const trail = auditTrailLayout(facts, [
      { sheet: "12b-1 Report 2026-Q3", period: "2026 Q3", fingerprint },
    ]);
    const cell = trail.cells.find((c) => "text" in c && c.text === (fingerprint ?? "—"))!;
    return {
      wrapped: cell.style?.wrap === true,
      merged: trail.merges.some((m) => m.top === cell.row && m.left === 3 && m.right === 6),
      height: trail.rowHeights.find((h) => h.row === cell.row)?.height,
    };
  };

  it("wraps in its merged cell, on a row as tall as its lines (12.5 points each, 2.5 spare)", () => {
    const seven = ["N", "R", "E", "P", "G", "A", "S"].map(part).join(";");
    expect(seven).toHaveLength(132);
    // 132 characters at 72 a line: two lines, 2 × 12.5 + 2.5.
    expect(fingerprintRow(seven)).toEqual({ wrapped: true, merged: true, height: 27.5 });
    // Ten parts (189 characters): three lines.
    const ten = [..."NREPGASXYZ"].map(part).join(";");
    expect(fingerprintRow(ten).height).toBe(40);
    // A fingerprint of one line, and none (the annual table's "—"): the default row height.
    expect(fingerprintRow(part("N")).height).toBe(15);
    expect(fingerprintRow(null)).toEqual({ wrapped: true, merged: true, height: 15 });
  });
});

describe("the layout work is linear in portfolios (issue 22 item 6)", () => {
  it("restyling a row visits that row's cells only, however many rows are above it", () => {
    const visitsFor = (rows: number) => {
      const b = new LayoutBuilder();
      for (let r = 0; r < rows; r += 1) {
        const row = b.put(Array.from({ length: 12 }, (_, i) => `cell ${i}`));
        b.style(row, 2, row, 2, { bold: true });
      }
      return b.cellVisits;
    };
    // 12 cells a row, once each: 1,200 and 4,800 — not 100 × 101 / 2 × 12 as a rescan of every cell.
    expect(visitsFor(100)).toBe(100 * 12);
    expect(visitsFor(400)).toBe(400 * 12);
  });

  it("a report with four times the portfolios (and findings) does four times the layout's cell visits", () => {
    const original = LayoutBuilder.prototype.style;
    let visits = 0;
    const spy = vi.spyOn(LayoutBuilder.prototype, "style").mockImplementation(function (
      this: LayoutBuilder,
      ...args: Parameters<LayoutBuilder["style"]>
    ) {
      const before = this.cellVisits;
      original.apply(this, args);
      visits += this.cellVisits - before;
    });
    const visitsFor = (count: number) => {
      visits = 0;
      const names = Array.from({ length: count }, (_, i) => `P${String(i).padStart(4, "0")}`);
      const plan = readPlan({
        dateSystem: "1900",
        tables: [
          table(
            "Portfolios",
            names.map((p) => ({ Portfolio: p }))
          ),
          table("Rates", names.map(rate)),
          table("Governance", [approval]),
          // A payment to a broker with no agreement: one finding per portfolio.
          table(
            "Expenditures",
            names.map((p) => ({
              Date: serial("2026-08-14"),
              Portfolio: p,
              Category: "c",
              Amount: 1_000,
              Payee: "Northwind Brokerage",
            }))
          ),
          table(
            "NetAssets",
            names.flatMap((p) => weekdayNavs(p, "2026-09-28", "2026-09-30", 10_000_000))
          ),
        ],
      }).plan;
      const built = quarterlyReport(plan, Q3, { asOf: AS_OF, preparedAt: "2026-11-28 09:00 UTC" });
      expect(built.exceptions.length).toBeGreaterThanOrEqual(count);
      reportLayout(built);
      return visits;
    };
    const small = visitsFor(25);
    const large = visitsFor(100);
    spy.mockRestore();
    expect(small).toBeGreaterThan(0);
    // Linear: 4× the portfolios → about 4× the visits (a rescan per row would be about 16×).
    expect(large / small).toBeLessThan(4.5);
  });
});
