/// <reference types="office-js" />
/**
 * PLANSTATUS's reading of the workbook and its two faces (SPEC §3): the plan
 * tables are read through the Excel API — which custom functions may do,
 * read only, in the shared runtime — by the pane's own reader
 * (`readWorkbook`) and gate (`usablePlan`), evaluated as of a day, and the
 * portfolio's standing returned as an entity card where the host has entity
 * values (CustomFunctionsRuntime 1.4), else as one line of text.
 */
import { type DateSystem, type Day, day, serialFromDay } from "../engine/calendar";
import type { Decimal } from "../engine/decimal";
import { evaluatePlan } from "../engine/evaluatePlan";
import type { ExcelRun } from "../excel/excelRun";
import { readWorkbook, usablePlan } from "../excel/readWorkbook";
import { CellError } from "./cellError";
import { type PortfolioStanding, portfolioStanding, standingLine } from "./portfolioStanding";

/**
 * `Excel.run`'s shape over a custom function's own request context
 * (`new Excel.RequestContext()`), or null outside Excel.
 */
export function functionExcelRun(): ExcelRun | null {
  const excel = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!excel || typeof excel.RequestContext !== "function") return null;
  return (batch) => batch(new excel.RequestContext());
}

/**
 * The standing of `portfolio` in the workbook's plan as of `asOf`, or a
 * located error: #N/A outside Excel or for a portfolio not in the Portfolios
 * table, #VALUE! with the runner's first sentence for plan tables it refuses.
 *
 * @example
 * await workbookStanding(Excel.run, "Growth", day("2025-01-07")) // → { portfolio: "Growth", inEffect: true, … }
 */
export async function workbookStanding(
  run: ExcelRun | null,
  portfolio: string,
  asOf: Day
): Promise<PortfolioStanding | CellError> {
  if (run === null)
    return new CellError("#N/A", "PLANSTATUS reads the plan tables: it works only inside Excel.");
  const workbook = await readWorkbook(run);
  const usable = usablePlan(workbook);
  if (!usable.ok)
    return new CellError(
      "#VALUE!",
      `The plan tables cannot be checked: ${usable.refusals[0]?.text ?? "they cannot be read."}`
    );
  const evaluation = evaluatePlan(usable.read.plan, {
    asOf,
    portfoliosWithBadNetAssets: usable.read.portfoliosWithBadNetAssets,
  });
  return (
    portfolioStanding(evaluation, portfolio) ??
    new CellError("#N/A", `The Portfolios table has no portfolio "${portfolio}".`)
  );
}

/** True where a custom function may return an entity value (CustomFunctionsRuntime 1.4). */
export function hostHasEntityValues(): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return office?.context?.requirements?.isSetSupported("CustomFunctionsRuntime", "1.4") === true;
  } catch {
    return false;
  }
}

const text = (value: string) => ({ type: "String", basicValue: value }) as const;
const number = (value: number, numberFormat: string) =>
  ({ type: "Double", basicValue: value, numberFormat }) as const;
const amount = (value: Decimal | null) =>
  value === null ? text("none") : number(value.toNumber(), "#,##0.00");

/**
 * The standing as an Excel entity value: a card titled by the portfolio,
 * its text the one-line summary, each figure a property (amounts, rates and
 * dates as formatted numbers, so they can be used in formulas: =A1.[Month to date]).
 *
 * @example
 * standingEntity(standing, "1900").properties["Annual rate"] // → { type: "Double", basicValue: 0.0025, numberFormat: "0.00%" }
 */
export function standingEntity(standing: PortfolioStanding, dateSystem: DateSystem) {
  const date = (value: Day | null) =>
    value === null ? text("none") : number(serialFromDay(value, dateSystem), "yyyy-mm-dd");
  const status = standing.terminated
    ? "Terminated"
    : standing.inEffect
      ? "In effect"
      : "Not in effect";
  return {
    type: "Entity",
    text: `${standing.portfolio}: ${status.toLowerCase()}`,
    properties: {
      Portfolio: text(standing.portfolio),
      Status: text(status),
      "As of": date(standing.asOf),
      "Annual rate":
        standing.rate === null ? text("none") : number(standing.rate.toNumber(), "0.00%"),
      "Rate voted": date(standing.rateVote),
      Ceiling: number(standing.ceiling.toNumber(), "0.00%"),
      "Month to date": amount(standing.monthToDate),
      "Headroom this month": amount(standing.monthHeadroom),
      "Continuance due by": date(standing.continuanceDue),
      Errors: number(standing.errors, "0"),
      Warnings: number(standing.warnings, "0"),
      Summary: text(standingLine(standing)),
    },
    layouts: {
      card: {
        title: { property: "Portfolio" },
        sections: [
          {
            layout: "List",
            properties: ["Status", "As of", "Annual rate", "Rate voted", "Ceiling"],
          },
          {
            layout: "List",
            title: "This month",
            properties: ["Month to date", "Headroom this month"],
          },
          {
            layout: "List",
            title: "Governance and findings",
            properties: ["Continuance due by", "Errors", "Warnings"],
          },
        ],
      },
    },
  };
}

/** Today on the user's clock, as the pane's As of defaults to it. */
export function todayOnThisMachine(now = new Date()): Day {
  const pad = (n: number) => String(n).padStart(2, "0");
  return day(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
}
