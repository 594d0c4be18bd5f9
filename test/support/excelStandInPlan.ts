/**
 * A small plan workbook in the stand-in, laid out as Set up plan would: the
 * DOMAIN.md accrual example (0.25%, Prior day, NAVs 2, 3, 6, 7 Jan 2025) for
 * portfolio "Growth", approved on 2 Dec 2024. Headers come from the schema.
 */
import { day, serialFromDay } from "../../src/engine/calendar";
import {
  GOVERNANCE,
  NET_ASSETS,
  PORTFOLIOS,
  RATES,
  type TableSpec,
} from "../../src/workbook/schema";
import {
  createExcelStandIn,
  type ExcelStandIn,
  type StandInValue,
  StandInWorkbook,
} from "./excelStandIn";

export const serial = (iso: string) => serialFromDay(day(iso));

function row(spec: TableSpec, values: Record<string, StandInValue>): StandInValue[] {
  return spec.columns.map((c) => values[c.header] ?? "");
}

/** The DOMAIN.md NAV rows, or `count` synthetic business-day rows from 2 Jan 2025. */
export function navRows(count?: number): StandInValue[][] {
  if (count === undefined) {
    return [
      ["2025-01-02", 100_000_000],
      ["2025-01-03", 101_000_000],
      ["2025-01-06", 99_500_000],
      ["2025-01-07", 100_200_000],
    ].map(([date, nav]) =>
      row(NET_ASSETS, {
        Date: serial(date as string),
        Portfolio: "Growth",
        "Class B net assets": nav as number,
      })
    );
  }
  const rows: StandInValue[][] = [];
  for (let i = 0; i < count; i += 1)
    rows.push(
      row(NET_ASSETS, {
        Date: serial("2025-01-02") + i,
        Portfolio: "Growth",
        "Class B net assets": 100_000_000 + (i % 97) * 1_000.37,
      })
    );
  return rows;
}

/** A stand-in holding the plan tables (on sheets Plan and Net Assets). */
export function planStandIn(options: { navCount?: number } = {}): ExcelStandIn {
  const workbook = new StandInWorkbook();
  const header = (spec: TableSpec) => spec.columns.map((c) => c.header);
  workbook.addTable("Plan", PORTFOLIOS.name, "A1", header(PORTFOLIOS), [
    row(PORTFOLIOS, { Portfolio: "Growth", "Plan effective": serial("2024-12-02") }),
  ]);
  workbook.addTable("Plan", RATES.name, "O1", header(RATES), [
    row(RATES, {
      Portfolio: "Growth",
      Effective: serial("2024-12-02"),
      "Annual rate": 0.0025,
      "Board approval": serial("2024-12-02"),
    }),
  ]);
  workbook.addTable("Plan", GOVERNANCE.name, "U1", header(GOVERNANCE), [
    row(GOVERNANCE, {
      Date: serial("2024-12-02"),
      Action: "Approval",
      Portfolio: "All",
      "Trustees for": 7,
      "Trustees total": 9,
      "Independent for": 5,
      "Independent total": 6,
      "In person": "Yes",
    }),
  ]);
  workbook.addTable(
    "Net Assets",
    NET_ASSETS.name,
    "A1",
    header(NET_ASSETS),
    navRows(options.navCount)
  );
  return createExcelStandIn(workbook);
}
