/**
 * What the pane says after each action: the adapter's result in a notice
 * (title, sentence, and the cells that stop it). Only what is true: the
 * number of shaded cells is the number the check shaded.
 */
import { type Day, day } from "../engine/calendar";
import type { ComplianceResult } from "../excel/checkCompliance";
import type { ComputeAccrualsResult } from "../excel/computeAccruals";
import type { ReportResult } from "../excel/writeReport";
import type { Notice } from "./ActionStatus";
import { dayText } from "./dayText";

/** Today as an engine day, from the user's clock (the engine has none). `today(new Date(2026, 11, 1))` → day("2026-12-01"). */
export function today(now = new Date()): Day {
  return day(
    `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`
  );
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * What the pane says when an action fails with an error rather than a result: office-js's own
 * words ("The requested resource doesn't exist (range).") are never shown, since the user
 * cannot act on them; other messages are shown as they are.
 * `errorSentence(new Error("The requested resource doesn't exist (range)."))` → "A sheet, table or cell…".
 */
export function errorSentence(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ItemNotFound" || /requested resource doesn't exist/i.test(text))
    return "A sheet, table or cell this needs is not in the workbook (it may have been renamed or deleted while the pane was open). Press Set up plan to put back any missing plan table, then try again.";
  return text;
}

/** The notice when the workbook has no plan table at all: one sentence and the Set up plan button. */
export function noTablesNotice(setUp: () => void): Notice {
  return {
    intent: "info",
    title: "No plan tables yet",
    text: "This workbook has no plan tables yet: press Set up plan to create them (or Load sample plan to try the add-in on a sample trust).",
    action: { label: "Set up plan", run: setUp },
  };
}

/**
 * What to fill in after Set up plan (SPEC §4 "Getting started"), in the order the plan needs it.
 */
export const NEXT_STEPS =
  "Next, fill in on the Plan sheet: Portfolios (one row per portfolio and the day the plan took effect), Governance (the board's approval vote), Rates (each portfolio's annual rate and the date of the vote that set it); then on the Net Assets sheet, one row per portfolio and NAV date with the Class B net assets. Then press Compute accruals.";

/** The notice for an accrual run; `confirm` re-runs it over the cells in the way. */
export function accrualNotice(
  result: ComputeAccrualsResult,
  confirm: () => void,
  /** Puts the previous columns back, when the run kept them. */
  undo?: () => void
): Notice {
  if (result.status === "needs-confirmation")
    return { intent: "warning", title: "Cells in the way", text: result.message, confirm };
  return {
    intent: result.status === "done" ? "success" : result.status === "cancelled" ? "info" : "error",
    title:
      result.status === "done"
        ? "Accruals written"
        : result.status === "cancelled"
          ? "Cancelled"
          : "Accruals not written",
    text:
      result.status === "done" && undo
        ? `${result.message} Excel's Undo cannot take back an add-in's writes; Undo last run puts the previous columns back.`
        : result.message,
    ...(result.problems ? { problems: result.problems } : {}),
    ...(result.status === "done" && undo ? { action: { label: "Undo last run", run: undo } } : {}),
  };
}

/**
 * The notice for Check compliance: refused, errors, or none.
 * `checkNotice({ exceptions: [], highlighted: [], refused: [] }, day("2026-09-30")).title` → "No errors".
 */
export function checkNotice(result: ComplianceResult, asOf: Day): Notice {
  const shaded = result.highlighted.length;
  const shadedText = shaded
    ? ` ${plural(shaded, "cell", "cells")} named by ${result.refused.length > 0 ? "these problems" : "these errors"} ${shaded === 1 ? "is" : "are"} shaded red in the workbook until the next check.`
    : "";
  if (result.refused.length > 0)
    return {
      intent: "error",
      title: "Not checked",
      text: `This workbook cannot be checked as it is. Correct these cells, then press Check compliance again.${shadedText}`,
      problems: result.refused,
    };
  // An empty plan is never "no errors" (SPEC §4 "Getting started").
  if (result.standing && result.standing.portfolios.length === 0)
    return {
      intent: "info",
      title: "Nothing to check yet",
      text: `The Portfolios table is empty. ${NEXT_STEPS}`,
    };
  const errors = result.exceptions.filter((e) => e.severity === "error").length;
  const others = result.exceptions.length - errors;
  // SPEC §2 "Nothing to check is not compliance": an empty plan is never "No errors".
  if (result.nothingToCheck && !errors)
    return {
      intent: "warning",
      title: "Nothing to check yet",
      text: `As of ${dayText(asOf)}: ${result.nothingToCheck.message}`,
    };
  if (errors)
    return {
      intent: "error",
      title: `${plural(errors, "error", "errors")} as of ${dayText(asOf)}`,
      text: `Below, grouped by rule (errors first); open a group to see each finding and go to its cell.${shadedText}`,
    };
  return {
    intent: "success",
    title: "No errors",
    text: `As of ${dayText(asOf)} every check of the plan passed${others ? `; ${plural(others, "warning or note", "warnings or notes")} below` : ""}.`,
  };
}

/** The notice for the quarterly report. */
export function reportNotice(result: ReportResult): Notice {
  return {
    intent: result.status === "done" ? "success" : result.status === "cancelled" ? "info" : "error",
    title:
      result.status === "done"
        ? "Report ready"
        : result.status === "cancelled"
          ? "Cancelled"
          : "No report written",
    text: result.message,
    ...(result.problems ? { problems: result.problems } : {}),
  };
}
