/**
 * PLANSTATUS (SPEC §3, added 2026-12-06): where a portfolio stands, read from
 * the workbook's plan tables through the Excel API (here the in-memory
 * stand-in), as an entity card where the host has entity values
 * (CustomFunctionsRuntime 1.4) and a line of text elsewhere.
 *
 * The stand-in's plan (test/support/excelStandInPlan.ts) is DOMAIN.md's
 * accrual example: Growth at 0.25% from 2 Dec 2024 (board vote that day, the
 * approval), NAVs 100, 101, 99.5 and 100.2 million on 2, 3, 6 and 7 Jan 2025.
 */
import { cellErrorOf } from "./setup";
import { afterEach, describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { checkCompliance } from "../../src/excel/checkCompliance";
import { readWorkbook, usablePlan } from "../../src/excel/readWorkbook";
import type { ExcelRun } from "../../src/excel/excelRun";
import { CellError } from "../../src/functions/cellError";
import { planstatus } from "../../src/functions/functions";
import { standingEntity, workbookStanding } from "../../src/functions/planStatus";
import { type PortfolioStanding, standingLine } from "../../src/functions/portfolioStanding";
import { forgetWorkbookDateSystem } from "../../src/functions/workbookDateSystem";
import { StandInContext } from "../support/excelStandIn";
import { planStandIn, serial } from "../support/excelStandInPlan";

const globals = globalThis as unknown as { Office?: unknown; Excel?: unknown };
const JAN_7 = day("2025-01-07");

// Fees booked 2–7 Jan (Prior day, penny-true, DOMAIN.md): 0.00 + 2,068.49 + 691.78 + 681.51.
const MONTH_TO_DATE = Math.round((0 + 2068.49 + 691.78 + 681.51) * 100) / 100;

/** Installs office.js as Excel's shared runtime gives it, over the stand-in plan. */
function insideExcel(entityValues: boolean) {
  const standIn = planStandIn();
  globals.Office = {
    HostType: { Excel: "Excel" },
    onReady: () => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }),
    context: {
      requirements: {
        isSetSupported: (set: string, version: string) =>
          entityValues && set === "CustomFunctionsRuntime" && Number(version) <= 1.4,
      },
    },
  };
  globals.Excel = {
    RequestContext: class extends StandInContext {
      constructor() {
        super(standIn.workbook, {
          syncs: 0,
          requestBytes: [],
          largestRequestBytes: 0,
          suspendedSyncs: 0,
        });
      }
    },
  };
  forgetWorkbookDateSystem();
  return standIn;
}

/** The plan of a workbook the pane's gate accepts. */
function usablePlanOf(workbook: Awaited<ReturnType<typeof readWorkbook>>) {
  const usable = usablePlan(workbook);
  if (!usable.ok) throw new Error("the stand-in plan is refused");
  return usable.read.plan;
}

afterEach(() => {
  delete globals.Office;
  delete globals.Excel;
  forgetWorkbookDateSystem();
});

describe("where a portfolio stands (PLANSTATUS)", () => {
  it("reads the plan tables through the Excel API: in effect, 0.25% voted 2 Dec 2024, the month's fees and headroom", async () => {
    const standIn = planStandIn();
    const run = standIn.run as unknown as ExcelRun;
    const standing = (await workbookStanding(run, " growth ", JAN_7)) as PortfolioStanding;
    expect(standing).not.toBeInstanceOf(CellError);
    expect(standing.portfolio).toBe("Growth");
    expect(standing.inEffect).toBe(true);
    expect(standing.rate?.toNumber()).toBe(0.0025);
    expect(standing.rateVote).toBe(day("2024-12-02"));
    expect(standing.ceiling.toNumber()).toBe(0.005);
    expect(standing.monthToDate?.toNumber()).toBe(MONTH_TO_DATE);
    // Headroom this month is January's cap test as the compliance check runs it: its maximum
    // (the cap's own rule, src/engine/cap.ts) less the fees booked so far.
    const january = evaluatePlan(usablePlanOf(await readWorkbook(run)), {
      asOf: JAN_7,
    }).portfolios[0]!.capTests.find((test) => test.period.label === "2025-01")!;
    expect(standing.monthHeadroom?.toFixed(2)).toBe(
      january.maximum.minus(MONTH_TO_DATE).toFixed(2)
    );
    // Approved 2 Dec 2024, no continuance: one is due by the anniversary, 2 Dec 2025.
    expect(standing.continuanceDue).toBe(day("2025-12-02"));
    // The open findings are the ones Check compliance lists for Growth on that day.
    const check = await checkCompliance(run, { asOf: JAN_7 });
    const growth = check.exceptions.filter((e) => e.portfolio === "Growth");
    expect(standing.errors).toBe(growth.filter((e) => e.severity === "error").length);
    expect(standing.warnings).toBe(growth.filter((e) => e.severity === "warning").length);
  });

  it("says it as one line where entity values are not supported", async () => {
    insideExcel(false);
    const line = await planstatus("Growth", serial("2025-01-07"));
    const standing = (await workbookStanding(
      planStandIn().run as unknown as ExcelRun,
      "Growth",
      JAN_7
    )) as PortfolioStanding;
    expect(line).toBe(standingLine(standing));
    expect(line).toMatch(
      /^Growth on 2025-01-07: in effect; rate 0\.25% \(board vote 2024-12-02\); ceiling 0\.50%; month to date 3,441\.78; headroom this month [\d,]+\.\d\d; continuance due by 2025-12-02; \d+ errors?, \d+ warnings?$/
    );
  });

  it("returns an entity card where the host has CustomFunctionsRuntime 1.4", async () => {
    insideExcel(true);
    const card = (await planstatus("Growth", serial("2025-01-07"))) as ReturnType<
      typeof standingEntity
    >;
    expect(card.type).toBe("Entity");
    expect(card.text).toBe("Growth: in effect");
    expect(card.properties["Annual rate"]).toEqual({
      type: "Double",
      basicValue: 0.0025,
      numberFormat: "0.00%",
    });
    expect(card.properties["Month to date"]).toEqual({
      type: "Double",
      basicValue: MONTH_TO_DATE,
      numberFormat: "#,##0.00",
    });
    expect(card.properties["Continuance due by"]).toEqual({
      type: "Double",
      basicValue: serial("2025-12-02"),
      numberFormat: "yyyy-mm-dd",
    });
    const shown = card.layouts.card.sections.flatMap((section) => section.properties);
    for (const name of shown) expect(card.properties, name).toHaveProperty(name);
  });

  it("a portfolio not in the plan is #N/A naming it; outside Excel it is #N/A saying why", async () => {
    insideExcel(false);
    await expect(planstatus("Value", serial("2025-01-07"))).rejects.toEqual(
      expect.objectContaining({
        code: "#N/A",
        message: 'The Portfolios table has no portfolio "Value".',
      })
    );
    delete globals.Excel;
    await expect(planstatus("Growth", serial("2025-01-07"))).rejects.toEqual(
      expect.objectContaining({ code: "#N/A" })
    );
    expect(cellErrorOf(() => planstatus(null)).code).toBe("#VALUE!");
  });
});
