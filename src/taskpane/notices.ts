/**
 * What the pane says after each action: the adapter's result in a notice
 * (title, sentence, and the cells that stop it). Only what is true: the
 * number of shaded cells is the number the check shaded.
 */
import { type Day, day, isoDate } from "../engine/calendar";
import type { ComplianceResult } from "../excel/checkCompliance";
import type { ComputeAccrualsResult } from "../excel/computeAccruals";
import type { ReportResult } from "../excel/writeReport";
import type { Notice } from "./ActionStatus";

/** Today as an engine day, from the user's clock (the engine has none). `today(new Date(2026, 11, 1))` → day("2026-12-01"). */
export function today(now = new Date()): Day {
  return day(
    `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`
  );
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The notice for an accrual run; `confirm` re-runs it over the cells in the way. */
export function accrualNotice(result: ComputeAccrualsResult, confirm: () => void): Notice {
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
    text: result.message,
    ...(result.problems ? { problems: result.problems } : {}),
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
  const errors = result.exceptions.filter((e) => e.severity === "error").length;
  const others = result.exceptions.length - errors;
  // SPEC §2 "Nothing to check is not compliance": an empty plan is never "No errors".
  if (result.nothingToCheck && !errors)
    return {
      intent: "warning",
      title: "Nothing to check yet",
      text: `As of ${isoDate(asOf)}: ${result.nothingToCheck.message}`,
    };
  if (errors)
    return {
      intent: "error",
      title: `${plural(errors, "error", "errors")} as of ${isoDate(asOf)}`,
      text: `Below, grouped by rule (errors first); open a group to see each finding and go to its cell.${shadedText}`,
    };
  return {
    intent: "success",
    title: "No errors",
    text: `As of ${isoDate(asOf)} every check of the plan passed${others ? `; ${plural(others, "warning or note", "warnings or notes")} below` : ""}.`,
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
