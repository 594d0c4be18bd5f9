/**
 * Reads the plan tables (SPEC §1) from whatever an adapter loaded — office-js
 * ranges or ExcelJS worksheets — into the engine's `Plan`. Every problem is a
 * located `input` finding naming sheet, table, row and column; a row with a
 * bad cell is left out, and a portfolio with any bad NAV row is marked so that
 * no figure is computed from a series with a hole in it.
 */
import type { DateSystem } from "../engine/calendar";
import { type Decimal } from "../engine/decimal";
import { exception, type PlanException, type SourceRef } from "../engine/exceptions";
import {
  type Agreement,
  defaultSettings,
  type Expenditure,
  type GovernanceAction,
  type GovernanceActionKind,
  type NetAssetsRow,
  type Payment,
  type Plan,
  type PortfolioSettings,
  type QuarterSignOff,
  type RateChange,
} from "../engine/plan";
import {
  type CellValue,
  columnLetters,
  isBlank,
  type Parsed,
  parseChoice,
  parseCount,
  parseDate,
  parseMoney,
  parseMonth,
  parseRate,
  parseShares,
  parseText,
  parseYesNo,
} from "./cells";
import {
  type ColumnSpec,
  NET_ASSETS,
  normalizeHeader,
  TABLES,
  type TableName,
  type TableSpec,
} from "./schema";

/** A table as an adapter read it: header row and data rows of raw values. */
export interface TableData {
  sheet: string;
  name: string;
  headers: readonly unknown[];
  rows: readonly (readonly CellValue[])[];
  /** Sheet row number of the first data row (for cell addresses), if known. */
  firstRow?: number;
  /** Sheet column number (1 = A) of the table's first column, if known. */
  firstColumn?: number;
}

export interface WorkbookData {
  /** Tables by name; lookup ignores case. */
  tables: readonly TableData[];
  dateSystem: DateSystem;
}

export interface ReadPlanResult {
  plan: Plan;
  /** Located `input` findings. */
  exceptions: PlanException[];
  /** True when a required table or column is missing: nothing can be computed. */
  unusable: boolean;
  /** Portfolios with a bad NAV row: no accrual may be computed for them. */
  portfoliosWithBadNetAssets: Set<string>;
}

type RowValues = Map<string, unknown>;

interface TableReader {
  spec: TableSpec;
  data: TableData;
  columnIndex: Map<string, number>;
}

function findTable(workbook: WorkbookData, name: string): TableData | undefined {
  return workbook.tables.find((table) => table.name.trim().toLowerCase() === name.toLowerCase());
}

function sourceFor(reader: TableReader, rowIndex: number, column?: ColumnSpec): SourceRef {
  const source: SourceRef = {
    sheet: reader.data.sheet,
    table: reader.spec.name,
    row: rowIndex + 1,
  };
  if (column) {
    source.column = column.header;
    const index = reader.columnIndex.get(column.header);
    if (reader.data.firstRow !== undefined && index !== undefined) {
      source.address = `${columnLetters((reader.data.firstColumn ?? 1) + index)}${reader.data.firstRow + rowIndex}`;
    }
  }
  return source;
}

function parseCell(column: ColumnSpec, raw: CellValue, dateSystem: DateSystem): Parsed<unknown> {
  const value =
    isBlank(raw) &&
    column.defaultText !== undefined &&
    column.kind !== "rate" &&
    column.kind !== "money" &&
    column.kind !== "month"
      ? column.defaultText
      : raw;
  switch (column.kind) {
    case "date":
      return parseDate(value, dateSystem);
    case "money":
      return parseMoney(value);
    case "rate":
      return parseRate(value);
    case "count":
      return parseCount(value);
    case "month":
      return parseMonth(value);
    case "shares":
      return parseShares(value);
    case "yesno":
      return parseYesNo(value);
    case "choice":
      return parseChoice(value, column.choices ?? []);
    case "text":
      return parseText(value);
  }
}

/**
 * Reads the workbook's plan tables.
 *
 * `readPlan({ tables: [portfoliosTable, …], dateSystem: "1900" })` →
 * `{ plan, exceptions: [], unusable: false, … }` for a clean workbook.
 */
export function readPlan(workbook: WorkbookData): ReadPlanResult {
  const exceptions: PlanException[] = [];
  let unusable = false;
  const portfoliosWithBadNetAssets = new Set<string>();

  const rowsOf = (
    name: TableName,
    onBadRow?: (values: RowValues) => void
  ): { values: RowValues; source: SourceRef }[] => {
    const spec = TABLES.find((table) => table.name === name)!;
    const data = findTable(workbook, name);
    if (!data) {
      if (spec.required) {
        unusable = true;
        exceptions.push(
          exception(
            "error",
            "input",
            `The workbook has no table "${name}" (expected on sheet "${spec.sheet}"); run Set up plan (or rule12b1 init) to create it.`,
            {
              source: { sheet: spec.sheet, table: name },
            }
          )
        );
      }
      return [];
    }
    const columnIndex = new Map<string, number>();
    const headers = data.headers.map(normalizeHeader);
    for (const column of spec.columns) {
      const index = headers.indexOf(normalizeHeader(column.header));
      if (index >= 0) columnIndex.set(column.header, index);
      else if (column.required) {
        unusable = true;
        exceptions.push(
          exception(
            "error",
            "input",
            `Table ${name} on sheet "${data.sheet}" has no column "${column.header}" (was it renamed?). Found: ${data.headers.map(String).join(", ")}.`,
            {
              source: { sheet: data.sheet, table: name, column: column.header },
            }
          )
        );
      }
    }
    // Without a required column no row of the table can be read: none is, so the plan never
    // holds a record with a required value missing (callers may still evaluate what is left).
    if (spec.columns.some((column) => column.required && !columnIndex.has(column.header)))
      return [];
    const reader: TableReader = { spec, data, columnIndex };
    const parsedRows: { values: RowValues; source: SourceRef }[] = [];
    data.rows.forEach((row, rowIndex) => {
      if (row.every(isBlank)) return;
      const values: RowValues = new Map();
      let bad = false;
      for (const column of spec.columns) {
        const index = columnIndex.get(column.header);
        const raw = index === undefined ? null : row[index];
        const parsed = parseCell(column, raw ?? null, workbook.dateSystem);
        if (!parsed.ok) {
          bad = true;
          exceptions.push(
            exception("error", "input", `${column.header} ${parsed.problem}.`, {
              source: sourceFor(reader, rowIndex, column),
            })
          );
        } else if (parsed.value === null && column.required && index !== undefined) {
          bad = true;
          exceptions.push(
            exception("error", "input", `${column.header} is blank; it is required.`, {
              source: sourceFor(reader, rowIndex, column),
            })
          );
        } else {
          values.set(column.header, parsed.value);
        }
      }
      if (bad) onBadRow?.(values);
      else parsedRows.push({ values, source: sourceFor(reader, rowIndex) });
    });
    return parsedRows;
  };

  const text = (values: RowValues, header: string) =>
    (values.get(header) as string | null | undefined) ?? "";
  const get = <T>(values: RowValues, header: string) => (values.get(header) ?? null) as T | null;

  const portfolios: PortfolioSettings[] = [];
  for (const { values, source } of rowsOf("Portfolios")) {
    const name = text(values, "Portfolio");
    if (portfolios.some((p) => p.portfolio.toLowerCase() === name.toLowerCase())) {
      exceptions.push(
        exception("error", "input", `Portfolio "${name}" appears twice; names must be unique.`, {
          source: { ...source, column: "Portfolio" },
        })
      );
      continue;
    }
    const defaults = defaultSettings(name);
    portfolios.push({
      portfolio: name,
      planEffective: get(values, "Plan effective"),
      maxAnnualRate: get<Decimal>(values, "Max annual rate") ?? defaults.maxAnnualRate,
      dayCount: get(values, "Day count") ?? defaults.dayCount,
      navTiming: get(values, "NAV timing") ?? defaults.navTiming,
      weekendBooking: get(values, "Weekend booking") ?? defaults.weekendBooking,
      rounding: get(values, "Rounding") ?? defaults.rounding,
      capBasis: get(values, "Cap basis") ?? defaults.capBasis,
      planType: get(values, "Plan type") ?? defaults.planType,
      payment: get(values, "Payment") ?? defaults.payment,
      paymentTolerance: get<Decimal>(values, "Payment tolerance") ?? defaults.paymentTolerance,
      fiscalYearEndMonth: get<number>(values, "Fiscal year end") ?? defaults.fiscalYearEndMonth,
      source,
    });
  }

  const rates: RateChange[] = rowsOf("Rates").map(({ values, source }) => ({
    portfolio: text(values, "Portfolio"),
    effective: get<number>(values, "Effective")!,
    annualRate: get<Decimal>(values, "Annual rate")!,
    boardApproval: get(values, "Board approval"),
    shareholderApproval: get(values, "Shareholder approval"),
    source,
  }));

  const governance: GovernanceAction[] = rowsOf("Governance").map(({ values, source }) => ({
    date: get<number>(values, "Date")!,
    action: get<GovernanceActionKind>(values, "Action")!,
    portfolio: text(values, "Portfolio"),
    trusteesFor: get(values, "Trustees for"),
    trusteesTotal: get(values, "Trustees total"),
    independentFor: get(values, "Independent for"),
    independentTotal: get(values, "Independent total"),
    inPerson: get(values, "In person"),
    sharesFor: get(values, "Shares for"),
    sharesPresent: get(values, "Shares present"),
    sharesOutstanding: get(values, "Shares outstanding"),
    source,
  }));

  const agreements: Agreement[] = rowsOf("Agreements").map(({ values, source }) => ({
    agreement: text(values, "Agreement"),
    counterparty: text(values, "Counterparty"),
    portfolio: text(values, "Portfolio"),
    approved: get(values, "Approved"),
    inWriting: get(values, "In writing"),
    noticeDays: get(values, "Notice days"),
    assigned: get(values, "Assigned"),
    terminated: get(values, "Terminated"),
    source,
  }));

  const expenditures: Expenditure[] = rowsOf("Expenditures").map(({ values, source }) => ({
    date: get<number>(values, "Date")!,
    portfolio: text(values, "Portfolio"),
    category: text(values, "Category"),
    amount: get<Decimal>(values, "Amount")!,
    payee: text(values, "Payee"),
    description: text(values, "Description"),
    source,
  }));

  const payments: Payment[] = rowsOf("Payments").map(({ values, source }) => ({
    date: get<number>(values, "Date")!,
    portfolio: text(values, "Portfolio"),
    amount: get<Decimal>(values, "Amount")!,
    reference: text(values, "Reference"),
    source,
  }));

  const netAssets: NetAssetsRow[] = rowsOf("NetAssets", (values) => {
    const portfolio = values.get("Portfolio");
    if (typeof portfolio === "string") portfoliosWithBadNetAssets.add(portfolio);
  }).map(({ values, source }) => ({
    date: get<number>(values, "Date")!,
    portfolio: text(values, "Portfolio"),
    netAssets: get<Decimal>(values, "Class B net assets")!,
    source,
  }));

  const reviews: QuarterSignOff[] = rowsOf("Reviews").map(({ values, source }) => ({
    quarter: text(values, "Quarter"),
    preparedBy: text(values, "Prepared by"),
    reviewedBy: text(values, "Reviewed by"),
    boardReview: get(values, "Board review"),
    fingerprint: get(values, "Fingerprint"),
    source,
  }));

  return {
    plan: {
      portfolios,
      rates,
      governance,
      agreements,
      expenditures,
      payments,
      netAssets,
      reviews,
      netAssetsColumns: {
        date: NET_ASSETS.columns[0]!.header,
        netAssets: NET_ASSETS.columns[2]!.header,
      },
    },
    exceptions,
    unusable,
    portfoliosWithBadNetAssets,
  };
}
