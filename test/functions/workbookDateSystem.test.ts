import { cellErrorOf } from "./setup";
import { afterEach, describe, expect, it } from "vitest";
import { accrual, fees, lapsedate } from "../../src/functions/functions";
import {
  forgetWorkbookDateSystem,
  workbookDateSystem,
} from "../../src/functions/workbookDateSystem";
import { StandInContext, StandInWorkbook } from "../support/excelStandIn";

/** The 1904 system counts from 1904-01-01 = serial 0, which is 1900-system serial 1462. */
const OFFSET_1904 = 1462;
// 2025-01-01 is serial 45658 in the 1900 system.
const JAN_2 = 45659;
const JAN_3 = 45660;
const JAN_6 = 45663;
const JAN_7 = 45664;
const AUG_15_2025 = 45884;

const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);
const NAVS = column(100_000_000, 101_000_000, 99_500_000, 100_200_000);

const globals = globalThis as unknown as Record<string, unknown>;

/** What the shared runtime has inside Excel: office.js's Office and Excel over a workbook in `system`. */
function insideExcel(system: "1900" | "1904", host: string | null = "Excel"): void {
  const workbook = new StandInWorkbook(system);
  const stats = { syncs: 0, requestBytes: [], largestRequestBytes: 0, suspendedSyncs: 0 };
  globals.Office = {
    HostType: { Excel: "Excel" },
    onReady: () => Promise.resolve({ host, platform: host ? "OfficeOnline" : null }),
  };
  // What a custom function uses to read through the Excel API: new Excel.RequestContext().
  globals.Excel = {
    RequestContext: class extends StandInContext {
      constructor() {
        super(workbook, stats);
      }
    },
  };
  forgetWorkbookDateSystem();
}

afterEach(() => {
  delete globals.Office;
  delete globals.Excel;
  forgetWorkbookDateSystem();
});

describe("the functions read and return dates in the workbook's date system (SPEC §3)", () => {
  it("outside Excel (no office.js) it is 1900, Excel's default, at once", () => {
    expect(workbookDateSystem()).toBe("1900");
    expect(lapsedate(AUG_15_2025)).toBe(AUG_15_2025 + 365);
  });

  it("in a 1904 workbook the first call waits for Excel's answer, later calls are immediate", async () => {
    insideExcel("1904");
    // 15 Aug 2025 is 1904-system serial 45884 − 1462; it lapses a year (365 days) later.
    const first = lapsedate(AUG_15_2025 - OFFSET_1904) as unknown;
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(AUG_15_2025 - OFFSET_1904 + 365);
    expect(workbookDateSystem()).toBe("1904");
    expect(lapsedate(AUG_15_2025 - OFFSET_1904)).toBe(AUG_15_2025 + 365 - OFFSET_1904);
  });

  it("a 1904 workbook's NAV dates give the same fees as the same days in a 1900 workbook", async () => {
    const dates1900 = column(JAN_2, JAN_3, JAN_6, JAN_7);
    const expected = accrual(dates1900, NAVS, [[0.0025]]);
    expect(expected).toEqual(column(0, 2068.49, 691.78, 681.51));
    insideExcel("1904");
    const dates1904 = column(...[JAN_2, JAN_3, JAN_6, JAN_7].map((s) => s - OFFSET_1904));
    expect(await (accrual(dates1904, NAVS, [[0.0025]]) as unknown)).toEqual(expected);
    // A rate schedule's effective dates are read in the same system: 0.35% from Monday 6 Jan.
    const schedule = [
      [JAN_2 - OFFSET_1904, 0.0025],
      [JAN_6 - OFFSET_1904, 0.0035],
    ];
    const schedule1900 = [
      [JAN_2, 0.0025],
      [JAN_6, 0.0035],
    ];
    const in1904 = fees(dates1904, NAVS, schedule, null, JAN_7 - OFFSET_1904);
    forgetWorkbookDateSystem();
    delete globals.Office;
    expect(in1904).toBe(fees(dates1900, NAVS, schedule1900, null, JAN_7));
  });

  it("in a 1900 workbook Excel answers 1900 and serials are read as they are", async () => {
    insideExcel("1900");
    const early = lapsedate(AUG_15_2025 - OFFSET_1904) as unknown;
    // 1900-system serial 44422 is 14 Aug 2021: a 1904 serial read as 1900 is four years and a day early.
    expect(await early).toBe(AUG_15_2025 - OFFSET_1904 + 365);
    expect(workbookDateSystem()).toBe("1900");
  });

  it("office.js opened outside Excel (host null) falls back to 1900 without asking Excel", async () => {
    insideExcel("1904", null);
    globals.Excel = {
      RequestContext: class {
        constructor() {
          throw new Error("no request context outside Excel");
        }
      },
    };
    expect(await (lapsedate(AUG_15_2025) as unknown)).toBe(AUG_15_2025 + 365);
    expect(workbookDateSystem()).toBe("1900");
  });

  it("a refused argument is still an Excel error after the wait", async () => {
    insideExcel("1904");
    const pending = lapsedate(null as unknown as number) as unknown as Promise<number>;
    const error = await pending.then(
      () => null,
      (reason: unknown) => reason
    );
    expect(
      cellErrorOf(() => {
        throw error;
      })
    ).toEqual({ code: "#VALUE!", message: "lastApprovalOrContinuance is blank." });
  });
});
