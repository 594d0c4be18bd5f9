/**
 * The register blocks of the quarterly report (SPEC §5): governance as it
 * stood at the quarter's end, the agreements in force with their findings,
 * the exceptions with a plain Source column and the sign-off lines (the
 * audit trail is a sheet of its own: reportAuditTrail.ts).
 */
import { type Day } from "../engine/calendar";
import { type PlanException, RULES } from "../engine/exceptions";
import type { AgreementLine, QuarterlyReport } from "../engine/quarterlyReport";
import { type LayoutBuilder, wrappedHeight } from "./layoutBuilder";
import { REPORT_COLUMN_WIDTHS, REPORT_COLUMNS, STYLE } from "./reportStyles";
import { blockRow, type BlockSpec, section, startBlock } from "./reportTable";
import { boardMessage, longDate, planSection, sourceText } from "./reportWords";

const dateOrDash = (d: Day | null) => (d === null ? "—" : { date: d });
const widthOf = (left: number, right: number) =>
  REPORT_COLUMN_WIDTHS.slice(left - 1, right).reduce((a, b) => a + b, 0);
/**
 * Characters of wrapped 10-point text a merged box of Excel width `w` holds
 * on a line, less what word breaks waste (1.2 per unit of width, measured on
 * the printed page; counting 1 per unit made finding rows a line or two too
 * tall and pushed blocks onto a page of their own). 9-point text holds 1.3.
 */
const textWidth = (w: number, points: 9 | 10 = 10) => w * (points === 9 ? 1.3 : 1.2);

/** Approval, continuance, lapse and termination per portfolio at the quarter's end (Plan §3, §4, §6). */
export function governanceBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  const spec: BlockSpec = {
    title:
      "5. Governance at the quarter's end: approval, continuance and termination (Plan §3, §4, §6)",
    header: [
      "Portfolio",
      "Status at quarter end",
      undefined,
      "Last approval or continuance",
      "Next lapse date",
      "Days left at quarter end",
    ],
    headerMerges: [[2, 3]],
  };
  startBlock(b, spec, 15 * report.governance.length);
  for (const line of report.governance) {
    blockRow(b, spec, 15);
    const status =
      line.state === "Terminated" || line.state === "Lapsed"
        ? `${line.state} on ${longDate(line.stateDate!)}`
        : line.state;
    const row = b.put([line.portfolio, status]);
    b.style(
      row,
      2,
      row,
      2,
      line.state === "In effect" ? STYLE.center : { ...STYLE.error, align: "center" }
    );
    b.merge(row, 2, row, 3);
    b.set(row, 4, dateOrDash(line.lastApprovalOrContinuance), STYLE.date);
    b.set(row, 5, dateOrDash(line.lapseDate), STYLE.date);
    b.set(
      row,
      6,
      line.daysLeft ?? "—",
      line.daysLeft === null
        ? STYLE.center
        : line.daysLeft <= 60
          ? { ...STYLE.warning, align: "center" }
          : STYLE.count
    );
  }
}

/** An assigned agreement ended on its assignment (Plan §7(b)): said so, in words that agree with "In force: No". */
function assignedText(assigned: Day): string {
  return `was assigned on ${longDate(assigned)}, so it ended then (Plan §7(b)); the register still shows no termination date.`;
}

/** A finding's text for the board; an assignment finding in the same words as the agreements block. */
function findingText(e: PlanException, report: QuarterlyReport): string {
  if (e.rule === "agreement-assigned") {
    const line = report.agreements.find(
      (l) => l.agreement.source?.row !== undefined && l.agreement.source.row === e.source?.row
    );
    if (line?.agreement.assigned != null) {
      const a = line.agreement;
      return `Agreement "${a.agreement}" with ${a.counterparty || "(no counterparty)"} (${a.portfolio}) ${assignedText(a.assigned!)}`;
    }
  }
  return boardMessage(e.message);
}

/** The agreement's findings in words that agree with its "In force" cell (the row already names it). */
function agreementFindings(line: AgreementLine): string {
  return line.findings
    .map((e) => {
      if (e.rule === "agreement-assigned" && line.agreement.assigned !== null)
        return `It ${assignedText(line.agreement.assigned)}`;
      const text = boardMessage(e.message).replace(/^Agreement ".*?" with .*? \(.*?\):?\s*/, "");
      return text.charAt(0).toUpperCase() + text.slice(1);
    })
    .join(" ");
}

/** The agreements register as it stood at the quarter's end, with its Plan §7 findings. */
export function agreementsBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  const spec: BlockSpec = {
    title: "6. Agreements related to the plan, at the quarter's end (Plan §7)",
    header: [
      "Agreement",
      "Counterparty",
      "Portfolio",
      "Approved",
      "In writing",
      "Notice days",
      "Assigned",
      "Terminated",
      "In force at quarter end",
      "Findings",
    ],
    headerMerges: [[10, REPORT_COLUMNS]],
  };
  const rows = report.agreements.map((line) => {
    const findings = agreementFindings(line) || "None.";
    const a = line.agreement;
    const height = Math.max(
      wrappedHeight(findings, textWidth(widthOf(10, REPORT_COLUMNS))),
      wrappedHeight(a.agreement, REPORT_COLUMN_WIDTHS[0]!),
      wrappedHeight(a.counterparty, REPORT_COLUMN_WIDTHS[1]!),
      wrappedHeight(a.portfolio, REPORT_COLUMN_WIDTHS[2]!)
    );
    return { line, findings, height };
  });
  startBlock(b, spec, rows.reduce((sum, r) => sum + r.height, 0) || 15, rows[0]?.height ?? 15);
  if (rows.length === 0) b.put(["No agreements recorded."], STYLE.note);
  for (const { line, findings, height } of rows) {
    blockRow(b, spec, height);
    const a = line.agreement;
    const row = b.put([a.agreement, a.counterparty, a.portfolio], STYLE.wrap);
    b.set(row, 4, dateOrDash(a.approved), STYLE.date);
    b.set(row, 5, a.inWriting === null ? "?" : a.inWriting ? "Yes" : "No", STYLE.center);
    b.set(row, 6, a.noticeDays, STYLE.count);
    b.set(row, 7, dateOrDash(a.assigned), STYLE.date);
    b.set(row, 8, dateOrDash(a.terminated), STYLE.date);
    b.set(row, 9, line.inForce ? "Yes" : "No", STYLE.center);
    b.set(
      row,
      10,
      findings,
      line.findings.length ? { ...STYLE.wrap, color: "FFC00000" } : STYLE.wrap
    );
    b.merge(row, 10, row, REPORT_COLUMNS);
    b.height(row, height);
  }
}

/** Every finding of the quarter and those still open at its end, errors first, with where each comes from. */
export function exceptionsBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  const errors = report.exceptions.filter((e) => e.severity === "error").length;
  const spec: BlockSpec = {
    title: `7. Exceptions (${errors} error${errors === 1 ? "" : "s"}, ${report.exceptions.length - errors} other)`,
    header: [
      "Rule",
      "Severity",
      "Plan section",
      "Portfolio",
      "Date",
      "Finding",
      undefined,
      undefined,
      undefined,
      "Source",
    ],
    headerMerges: [
      [6, 9],
      [10, REPORT_COLUMNS],
    ],
  };
  const rows = report.exceptions.map((e) => {
    const text = findingText(e, report);
    const source = sourceText(e.source);
    const height = Math.max(
      wrappedHeight(text, textWidth(widthOf(6, 9))),
      wrappedHeight(source, textWidth(widthOf(10, REPORT_COLUMNS), 9)),
      wrappedHeight(RULES[e.rule].title, REPORT_COLUMN_WIDTHS[0]!)
    );
    return { e, text, source, height };
  });
  startBlock(b, spec, rows.reduce((sum, r) => sum + r.height, 0) || 15, rows[0]?.height ?? 15);
  if (rows.length === 0) b.put(["None: no exceptions for the quarter."], STYLE.note);
  // Each row's first four cells in their final styles, made once a block: the wrap restyled as a
  // restyling of the put cells gave them (`{ ...wrap, ...restyle }`), not two restylings a row.
  const severityStyle = {
    error: { ...STYLE.wrap, ...{ ...STYLE.error, align: "center" as const } },
    warning: { ...STYLE.wrap, ...{ ...STYLE.warning, align: "center" as const } },
    info: { ...STYLE.wrap, ...{ ...STYLE.info, align: "center" as const } },
  };
  const centered = { ...STYLE.wrap, ...STYLE.center };
  for (const { e, text, source, height } of rows) {
    blockRow(b, spec, height);
    const row = b.put([RULES[e.rule].title], STYLE.wrap);
    b.set(row, 2, e.severity.toUpperCase(), severityStyle[e.severity]);
    b.set(row, 3, planSection(e.rule), centered);
    b.set(row, 4, e.portfolio ?? "Trust", centered);
    b.set(row, 5, dateOrDash(e.date), STYLE.date);
    b.set(row, 6, text, STYLE.wrap);
    b.merge(row, 6, row, 9);
    b.set(row, 10, source || "—", { ...STYLE.wrap, size: 9 });
    b.merge(row, 10, row, REPORT_COLUMNS);
    b.height(row, height);
  }
}

/** Prepared by / reviewed by / board review date (SPEC §5), from the Reviews table when present. */
export function signOffBlock(b: LayoutBuilder, report: QuarterlyReport, preparer: string): void {
  b.keep(18 + 6 * 15 + 26);
  section(b, "8. Sign-off");
  const signOff = report.signOff;
  const line = (label: string, value: string | { date: Day } | null, dated: boolean) => {
    b.skip();
    const row = b.put([label]);
    b.set(row, 2, value ?? "", { ...STYLE.signature, align: "left" });
    b.merge(row, 2, row, 5);
    if (!dated) return;
    b.set(row, 6, "Date", { align: "right" });
    b.set(row, 7, "", STYLE.signature);
    b.merge(row, 7, row, 8);
  };
  line("Prepared by (Treasurer's office)", preparer || null, true);
  line("Reviewed by", signOff?.reviewedBy || null, true);
  // The board line is itself a date: no second "Date" line beside it.
  line(
    "Reviewed by the Board on",
    signOff?.boardReview ? { date: signOff.boardReview } : null,
    false
  );
  b.skip();
  const locked = signOff?.boardReview
    ? `Board review recorded on ${longDate(signOff.boardReview)}: the quarter is locked; later edits to its inputs are reported as exceptions (Rule 12b-1(f): kept six years).`
    : "Once the Board review date is entered in the Reviews table, the quarter is locked: later edits to its inputs are reported as exceptions.";
  const row = b.put([locked], STYLE.note);
  b.merge(row, 1, row, REPORT_COLUMNS);
  b.height(row, 26);
}
