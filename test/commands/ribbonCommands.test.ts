/**
 * The ribbon's commands (SPEC §4, added 2026-12-06) against the in-memory
 * Excel stand-in: each leaves the same workbook as the pane's button does —
 * the same src/excel flow with the choices the pane keeps in the workbook —
 * plus the outcome it keeps for the pane; one that needs the user opens the
 * pane; each completes the host's event.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { day } from "../../src/engine/calendar";
import { parseQuarter } from "../../src/engine/periods";
import {
  type CommandHost,
  RIBBON_COMMANDS,
  registerRibbonCommands,
} from "../../src/commands/ribbonCommands";
import {
  readRibbonOutcome,
  type RibbonOutcome,
  ribbonNotice,
} from "../../src/commands/ribbonActions";
import { checkCompliance } from "../../src/excel/checkCompliance";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { SETTING_KEYS, writeSetting } from "../../src/excel/settings";
import { writeQuarterlyReport } from "../../src/excel/writeReport";
import type { ExcelStandIn, StandInWorkbook } from "../support/excelStandIn";
import { planStandIn } from "../support/excelStandInPlan";

const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
/** The pane's As of, kept in the workbook: the ribbon computes as of it. */
const AS_OF = "2025-03-31";

/** Everything in a stand-in workbook, Maps and Sets as sorted entries, for a deep comparison. */
function snapshot(workbook: StandInWorkbook, leaveOut: string[] = []): unknown {
  const plain = (value: unknown): unknown => {
    if (value instanceof Map)
      return [...value.entries()]
        .filter(([key]) => !leaveOut.includes(String(key)))
        .map(([key, inner]) => [String(key), plain(inner)])
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
    if (value instanceof Set) return [...value].map(String).sort();
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
    return value;
  };
  return plain({ ...workbook, syncDelayMs: 0 });
}

/** A stand-in host: the handlers office.js would call, and how often the pane was opened. */
function standInHost(standIn: ExcelStandIn) {
  const handlers = new Map<string, (event?: { completed(): void }) => Promise<void>>();
  let panesOpened = 0;
  const host: CommandHost = {
    associate: (id, handler) => handlers.set(id, handler),
    showPane: async () => void (panesOpened += 1),
    run: runOf(standIn),
  };
  registerRibbonCommands(host);
  return {
    handlers,
    panesOpened: () => panesOpened,
    /** Runs a command as the ribbon does: with an event it must complete. */
    async press(id: string): Promise<number> {
      let completed = 0;
      await handlers.get(id)!({ completed: () => void (completed += 1) });
      return completed;
    },
  };
}

/** Two copies of the sample plan with the pane's As of kept in each. */
async function twoPlans(): Promise<[ExcelStandIn, ExcelStandIn]> {
  const pair: [ExcelStandIn, ExcelStandIn] = [planStandIn(), planStandIn()];
  for (const standIn of pair) await writeSetting(runOf(standIn), SETTING_KEYS.asOf, AS_OF);
  return pair;
}

beforeEach(() => {
  // The audit trail stamps the minute it was written: both runs see the same one.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T08:00:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("the ribbon's commands (SPEC §4)", () => {
  it("registers one handler per command id of the manifest and the shortcuts", () => {
    const { handlers } = standInHost(planStandIn());
    expect([...handlers.keys()].sort()).toEqual(Object.keys(RIBBON_COMMANDS).sort());
  });

  it("Compute accruals leaves the workbook the pane's button leaves, and the outcome for the pane", async () => {
    const [byPane, byRibbon] = await twoPlans();
    const pane = await computeAccruals(runOf(byPane), {
      mode: "values",
      overwrite: false,
      asOf: day(AS_OF),
    });
    expect(pane.status).toBe("done");
    const [untouched] = await twoPlans();
    expect(snapshot(byPane.workbook)).not.toEqual(snapshot(untouched.workbook));
    const ribbon = standInHost(byRibbon);
    expect(await ribbon.press("Rule12b1.ComputeAccruals")).toBe(1);
    expect(snapshot(byRibbon.workbook, [SETTING_KEYS.ribbonOutcome])).toEqual(
      snapshot(byPane.workbook)
    );
    const outcome = (await readRibbonOutcome(runOf(byRibbon))) as RibbonOutcome;
    expect(outcome).toMatchObject({
      action: "computeAccruals",
      intent: "success",
      title: "Accruals written",
      text: pane.message,
      needsPane: false,
      at: "2026-12-06T08:00:00.000Z",
    });
    expect(ribbon.panesOpened()).toBe(0);
    // What the pane shows under its Compute accruals button when it is opened.
    expect(ribbonNotice(outcome)).toEqual({
      section: "accruals",
      notice: {
        intent: "success",
        title: "Compute accruals from the ribbon, 2026-12-06: Accruals written",
        text: pane.message,
      },
    });
  });

  it("Compute accruals writes formulas when that is the pane's kept choice", async () => {
    const [byPane, byRibbon] = await twoPlans();
    for (const standIn of [byPane, byRibbon])
      await writeSetting(runOf(standIn), SETTING_KEYS.accrualMode, "formulas");
    await computeAccruals(runOf(byPane), { mode: "formulas", overwrite: false, asOf: day(AS_OF) });
    await standInHost(byRibbon).press("Rule12b1.ComputeAccruals");
    expect(snapshot(byRibbon.workbook, [SETTING_KEYS.ribbonOutcome])).toEqual(
      snapshot(byPane.workbook)
    );
  });

  it("Check compliance leaves the workbook the pane's button leaves", async () => {
    const [byPane, byRibbon] = await twoPlans();
    await checkCompliance(runOf(byPane), { asOf: day(AS_OF) });
    await standInHost(byRibbon).press("Rule12b1.CheckCompliance");
    expect(snapshot(byRibbon.workbook, [SETTING_KEYS.ribbonOutcome])).toEqual(
      snapshot(byPane.workbook)
    );
    expect((await readRibbonOutcome(runOf(byRibbon)))?.action).toBe("checkCompliance");
  });

  it("Quarterly report writes the last complete quarter as of the As of date, as the pane's default", async () => {
    const [byPane, byRibbon] = await twoPlans();
    // As of 2025-03-31 the quarter in progress is Q1 (it ends that day, so it is not finished
    // before it): the last complete quarter is 2024-Q4.
    const quarter = parseQuarter("2024Q4")!;
    const pane = await writeQuarterlyReport(runOf(byPane), { quarter, asOf: day(AS_OF) });
    expect(pane).toMatchObject({ status: "done", sheetName: "12b-1 Report 2024-Q4" });
    await standInHost(byRibbon).press("Rule12b1.QuarterlyReport");
    expect(snapshot(byRibbon.workbook, [SETTING_KEYS.ribbonOutcome])).toEqual(
      snapshot(byPane.workbook)
    );
    expect(await readRibbonOutcome(runOf(byRibbon))).toMatchObject({
      action: "quarterlyReport",
      text: pane.message,
    });
  });

  it("a command that leaves the user something to do opens the pane, and keeps why", async () => {
    const standIn = planStandIn();
    standIn.workbook.sheets.splice(
      standIn.workbook.sheets.findIndex((sheet) => sheet.name === "Net Assets"),
      1
    );
    const ribbon = standInHost(standIn);
    expect(await ribbon.press("Rule12b1.ComputeAccruals")).toBe(1);
    expect(ribbon.panesOpened()).toBe(1);
    expect(await readRibbonOutcome(runOf(standIn))).toMatchObject({
      intent: "error",
      title: "Accruals not written",
      text: "There is no NetAssets table: press Set up plan first.",
      needsPane: true,
    });
  });

  it("a keyboard shortcut (no event) runs the same, and the pane shortcut opens the pane", async () => {
    const standIn = planStandIn();
    const ribbon = standInHost(standIn);
    await ribbon.handlers.get("Rule12b1.OpenPaneShortcut")!();
    expect(ribbon.panesOpened()).toBe(1);
    await ribbon.handlers.get("Rule12b1.CheckCompliance")!();
    expect((await readRibbonOutcome(runOf(standIn)))?.action).toBe("checkCompliance");
  });
});
