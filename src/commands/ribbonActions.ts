/// <reference types="office-js" />
/**
 * What the Home tab's "12b-1 Plan" buttons and their keyboard shortcuts run
 * (SPEC §4, added 2026-12-06): Compute accruals, Check compliance and the
 * quarterly report, with the pane closed. Each is the pane's own button
 * flow — the same `src/excel` function with the choices the pane keeps in
 * the workbook (As of, values or formulas) — so the ribbon leaves the
 * workbook exactly as the pane's button would. What it did is kept in the
 * workbook settings (`SETTING_KEYS.ribbonOutcome`) in the pane's words
 * (src/taskpane/notices.ts), for the pane to show when it is opened.
 *
 * The report is the pane's default choice: the last complete quarter as of
 * the As of date, never a preliminary one (that needs the pane's tick box).
 */
import { type Day, isoDate, parseIsoDay } from "../engine/calendar";
import { lastCompleteQuarter } from "../engine/periods";
import { checkCompliance } from "../excel/checkCompliance";
import { type AccrualMode, computeAccruals } from "../excel/computeAccruals";
import type { ExcelRun } from "../excel/excelRun";
import { queueSetting, readSettingsIn, SETTING_KEYS } from "../excel/settings";
import { writeQuarterlyReport } from "../excel/writeReport";
import type { Notice } from "../taskpane/ActionStatus";
import { accrualNotice, checkNotice, reportNotice } from "../taskpane/notices";

/** The three actions the ribbon runs without the pane. */
export type RibbonAction = "computeAccruals" | "checkCompliance" | "quarterlyReport";

/** What a ribbon command did, kept in the workbook for the pane: a notice without its buttons. */
export interface RibbonOutcome extends Omit<Notice, "confirm" | "action"> {
  action: RibbonAction;
  /** When it ran, ISO with time (UTC). */
  at: string;
  /** True when the user has something to do in the pane: confirm, correct cells or read findings. */
  needsPane: boolean;
}

/** The pane's words for each action, as its buttons say them. */
export const RIBBON_LABELS: Readonly<Record<RibbonAction, string>> = {
  computeAccruals: "Compute accruals",
  checkCompliance: "Check compliance",
  quarterlyReport: "Quarterly report",
};

/** The pane's choices kept in the workbook: As of (today when none) and how accruals are written. */
async function paneChoices(run: ExcelRun, today: Day): Promise<{ asOf: Day; mode: AccrualMode }> {
  const kept = await run((context) =>
    readSettingsIn(context, [SETTING_KEYS.asOf, SETTING_KEYS.accrualMode])
  );
  const asOfText = kept.get(SETTING_KEYS.asOf);
  const mode = kept.get(SETTING_KEYS.accrualMode);
  return {
    asOf: (typeof asOfText === "string" ? parseIsoDay(asOfText) : null) ?? today,
    mode: mode === "formulas" ? "formulas" : "values",
  };
}

/** Runs one action as the pane's button does and returns its notice, and whether the pane is needed. */
async function runAction(
  run: ExcelRun,
  action: RibbonAction,
  today: Day
): Promise<{ notice: Notice; needsPane: boolean }> {
  const { asOf, mode } = await paneChoices(run, today);
  switch (action) {
    case "computeAccruals": {
      const result = await computeAccruals(run, { mode, overwrite: false, asOf });
      return {
        notice: accrualNotice(result, () => undefined),
        needsPane: result.status !== "done",
      };
    }
    case "checkCompliance": {
      const result = await checkCompliance(run, { asOf });
      const notice = checkNotice(result, asOf);
      return { notice, needsPane: notice.intent !== "success" };
    }
    case "quarterlyReport": {
      const quarter = lastCompleteQuarter(asOf);
      const result = await writeQuarterlyReport(run, { quarter, asOf });
      return { notice: reportNotice(result), needsPane: result.status !== "done" };
    }
  }
}

/**
 * Runs `action` as the pane's button would and keeps its outcome in the
 * workbook settings; never throws (an error becomes the outcome, in words).
 *
 * @example
 * await runRibbonAction(Excel.run, "checkCompliance", day("2026-12-06"))
 * // → { action: "checkCompliance", intent: "success", title: "No errors", needsPane: false, … }
 */
export async function runRibbonAction(
  run: ExcelRun,
  action: RibbonAction,
  today: Day,
  now = new Date()
): Promise<RibbonOutcome> {
  let outcome: RibbonOutcome;
  try {
    const { notice, needsPane } = await runAction(run, action, today);
    const { confirm: _confirm, ...words } = notice;
    outcome = { ...words, action, at: now.toISOString(), needsPane };
  } catch (error) {
    outcome = {
      action,
      intent: "error",
      title: `${RIBBON_LABELS[action]} failed`,
      text: error instanceof Error ? error.message : String(error),
      at: now.toISOString(),
      needsPane: true,
    };
  }
  await run(async (context) => {
    queueSetting(context, SETTING_KEYS.ribbonOutcome, outcome);
    await context.sync();
  }).catch(() => undefined); // the action's own writes stand; only the message for the pane is lost
  return outcome;
}

/**
 * The outcome a ribbon command left for the pane, or null.
 *
 * @example
 * await readRibbonOutcome(Excel.run) // → { action: "quarterlyReport", title: "Report ready", … } | null
 */
export async function readRibbonOutcome(run: ExcelRun): Promise<RibbonOutcome | null> {
  const kept = await run((context) => readSettingsIn(context, [SETTING_KEYS.ribbonOutcome]));
  const value = kept.get(SETTING_KEYS.ribbonOutcome);
  return typeof value === "object" && value !== null && "action" in value
    ? (value as RibbonOutcome)
    : null;
}

/** The pane's section (Pane.tsx `SectionId`) whose button each ribbon action stands for. */
export const RIBBON_SECTIONS: Readonly<Record<RibbonAction, "accruals" | "check" | "report">> = {
  computeAccruals: "accruals",
  checkCompliance: "check",
  quarterlyReport: "report",
};

/**
 * What the pane shows for a kept ribbon outcome when it opens: the notice
 * under the section's button, its title saying it came from the ribbon.
 * (For the pane: `readRibbonOutcome(run).then((o) => o && show(ribbonNotice(o)))`.)
 *
 * @example
 * ribbonNotice(outcome) // → { section: "report", notice: { intent: "success", title: "Quarterly report from the ribbon, 2026-12-06: Report ready", text: "…" } }
 */
export function ribbonNotice(outcome: RibbonOutcome): {
  section: "accruals" | "check" | "report";
  notice: Notice;
} {
  const { action: _action, at: _at, needsPane: _needsPane, title, ...rest } = outcome;
  return {
    section: RIBBON_SECTIONS[outcome.action],
    notice: { ...rest, title: `${outcomeHeading(outcome)}: ${title}` },
  };
}

/** "Check compliance from the ribbon, 2026-12-06": the pane's heading for an outcome. */
export function outcomeHeading(outcome: RibbonOutcome): string {
  const when = parseIsoDay(outcome.at.slice(0, 10));
  return `${RIBBON_LABELS[outcome.action]} from the ribbon${when === null ? "" : `, ${isoDate(when)}`}`;
}
