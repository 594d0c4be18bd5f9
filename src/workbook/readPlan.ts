/**
 * Reads the plan tables (SPEC §1) from whatever an adapter loaded — office-js
 * ranges or the runner's package reader — into the engine's `Plan`. Every problem is a
 * located `input` finding naming sheet, table, row and column; a row with a
 * bad cell is left out, and a portfolio with any bad NAV row is marked so that
 * no figure is computed from a series with a hole in it.
 */
import type { PlanException } from "../engine/exceptions";
import type { Plan } from "../engine/plan";
import {
  accountsFrom,
  agreementsFrom,
  expendituresFrom,
  governanceFrom,
  paymentsFrom,
  portfoliosFrom,
  postedJournalsFrom,
  ratesFrom,
  reviewsFrom,
} from "./planRecords";
import { NET_ASSETS, type TableName } from "./schema";
import {
  type ReadTableOptions,
  readTableRecords,
  readTableRows,
  type RowValues,
  type TableRow,
} from "./tableRows";
import { netAssetsRowOf } from "./netAssetsRow";
import type { WorkbookData } from "./workbookData";
import { matchPortfolioNames } from "./portfolioNames";

export type { TableData, WorkbookData } from "./workbookData";

export interface ReadPlanResult {
  plan: Plan;
  /** Located `input` findings. */
  exceptions: PlanException[];
  /** True when a required table or column is missing: nothing can be computed. */
  unusable: boolean;
  /** Portfolios with a bad NAV row: no accrual may be computed for them. */
  portfoliosWithBadNetAssets: Set<string>;
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
  const rowsOf = (name: TableName, options?: ReadTableOptions): TableRow[] => {
    const result = readTableRows(workbook, name, exceptions, options);
    unusable ||= result.unusable;
    return result.rows;
  };

  const portfoliosWithBadNetAssets = new Set<string>();
  const markBadNetAssets = (values: RowValues) => {
    const portfolio = values.get("Portfolio");
    if (typeof portfolio === "string") portfoliosWithBadNetAssets.add(portfolio);
  };

  const netAssetsRows = () => {
    const result = readTableRecords(workbook, "NetAssets", exceptions, netAssetsRowOf, {
      onBadRow: markBadNetAssets,
      moneyInCents: true,
    });
    unusable ||= result.unusable;
    return result.records;
  };

  const plan: Plan = {
    portfolios: portfoliosFrom(rowsOf("Portfolios"), exceptions),
    rates: ratesFrom(rowsOf("Rates")),
    governance: governanceFrom(rowsOf("Governance")),
    agreements: agreementsFrom(rowsOf("Agreements")),
    expenditures: expendituresFrom(rowsOf("Expenditures")),
    payments: paymentsFrom(rowsOf("Payments")),
    // Straight to rows, their amounts in cents where exact: no map or decimal a NAV row (issue 24).
    netAssets: netAssetsRows(),
    reviews: reviewsFrom(rowsOf("Reviews")),
    accounts: accountsFrom(rowsOf("Accounts")),
    postedJournals: postedJournalsFrom(rowsOf("PostedJournals")),
    netAssetsColumns: {
      date: NET_ASSETS.columns[0]!.header,
      netAssets: NET_ASSETS.columns[2]!.header,
    },
  };
  exceptions.push(...matchPortfolioNames(plan));
  return { plan, exceptions, unusable, portfoliosWithBadNetAssets };
}
