/**
 * `rule12b1 report FILE --quarter 2026Q3 -o OUT`: writes the quarterly report
 * sheet `12b-1 Report YYYY-Qn` (SPEC §5) into a copy of FILE, replacing that
 * quarter's sheet if it is already there (never a duplicate), with its chart.
 * When the quarter's row in Reviews has a board review date and no
 * fingerprint yet, the fingerprint is recorded there (the quarter's lock).
 */
import { type Day, isoDate } from "../../engine/calendar";
import { lastCompleteQuarter, parseQuarter, type Period, quarterOf } from "../../engine/periods";
import { quarterlyReport, type QuarterlyReport } from "../../engine/quarterlyReport";
import { reportLayout, unfinishedQuarter } from "../../workbook/reportLayout";
import { quarterText } from "../../workbook/reportWords";
import { keptSheetLine } from "../../workbook/reportSheetOwner";
import { annualReport } from "./annualReport";
import { printAndOpenOn, writeReportSheets } from "./reportSheets";
import { auditTrailLayout } from "../../workbook/reportAuditTrail";
import { normalizeHeader, REVIEWS } from "../../workbook/schema";
import type { SheetLayout } from "../../workbook/sheetLayout";
import { loadPlan } from "../loadPlan";
import { asOfBeyondHistory, navSpan, quartersWithNav } from "../navHistory";
import { type Outcome, unusable } from "../outcome";
import { runAudit } from "../runAudit";
import { asOfDay, outputFile, preparedAtNow, type RunOptions, todayUtc } from "../runOptions";
import { moneyText, summaryTable } from "../summaryTable";
import { setCell } from "../xlsx/ooxml/sheetCells";
import { setLastModifiedBy } from "../xlsx/ooxml/workbookPart";
import type { XlsxPackage } from "../xlsx/ooxml/xlsxPackage";
import type { WorkbookTables } from "../xlsx/readTables";
import { savePackage } from "../xlsx/workbookFile";
import {
  droppedMacrosLine,
  matchOutputType,
  outputTypeProblem,
} from "../xlsx/ooxml/workbookContentType";

/** Refuses a quarter that has not ended by `asOf` unless a preliminary report was asked for (SPEC §5). */
function unfinished(quarter: Period, asOf: Day, preliminary: boolean): string | null {
  const refused = unfinishedQuarter(quarter, asOf, preliminary);
  return refused?.replace("ask for a preliminary report", "add --preliminary") ?? null;
}

function quartersWanted(
  options: RunOptions,
  asOf: Day,
  navRows: readonly { date: Day }[]
): { ok: true; quarters: Period[] } | { ok: false; problem: string } {
  if (options.allQuarters) {
    // Only quarters with NAV rows: "every quarter with NAV history", not every quarter between
    // (issue 22). With --preliminary the running quarter comes last, marked PRELIMINARY, as
    // --help promises, even before its first NAV row.
    const withNav = quartersWithNav(
      navRows,
      options.preliminary ? asOf : lastCompleteQuarter(asOf).end
    );
    const running = quarterOf(asOf);
    const quarters =
      options.preliminary && withNav.at(-1)?.start !== running.start
        ? [...withNav, running]
        : withNav;
    return withNav.length === 0
      ? { ok: false, problem: "--all-quarters: no complete quarter has NAV rows." }
      : { ok: true, quarters };
  }
  if (options.quarter === undefined) return { ok: true, quarters: [lastCompleteQuarter(asOf)] };
  const quarter = parseQuarter(options.quarter);
  if (!quarter)
    return { ok: false, problem: `--quarter ${options.quarter}: give a quarter like 2026Q3.` };
  const refused = unfinished(quarter, asOf, Boolean(options.preliminary));
  return refused ? { ok: false, problem: refused } : { ok: true, quarters: [quarter] };
}

/** Options that cannot go together, refused as -o with --in-place is. */
export function conflictingOptions(options: RunOptions): string | null {
  const given = [
    options.quarter !== undefined ? "--quarter" : null,
    options.allQuarters ? "--all-quarters" : null,
    options.year !== undefined ? "--year" : null,
  ].filter((flag): flag is string => flag !== null);
  return given.length > 1
    ? `Give one of ${given.join(", ")}, not ${given.length === 2 ? "both" : "several"}.`
    : null;
}

/** Records the quarter's fingerprint in its Reviews row when the board has reviewed it and none is there yet. */
function recordFingerprint(
  pkg: XlsxPackage,
  tables: WorkbookTables,
  report: QuarterlyReport
): boolean {
  const signOff = report.signOff;
  if (!signOff?.boardReview || signOff.fingerprint || signOff.source?.row === undefined)
    return false;
  const location = tables.locations.find(
    (l) => l.name.toLowerCase() === REVIEWS.name.toLowerCase()
  );
  const data = tables.tables.find((t) => t.name.toLowerCase() === REVIEWS.name.toLowerCase());
  const index = data?.headers.map(normalizeHeader).indexOf(normalizeHeader("Fingerprint")) ?? -1;
  if (!location || index < 0) return false;
  const part = location.sheetPart;
  pkg.setText(
    part,
    setCell(
      pkg.text(part)!,
      location.headerRow + signOff.source.row,
      location.firstColumn + index,
      report.fingerprint
    )
  );
  return true;
}

/** `await report({ command: "report", file: "trust.xlsx", quarter: "2026Q3", out: "report.xlsx" })`. */
export async function report(options: RunOptions): Promise<Outcome> {
  const file = options.file!;
  const conflict = conflictingOptions(options);
  if (conflict) return unusable("report", [conflict]);
  const out = outputFile(options, file);
  if (!out.ok) return unusable("report", [out.problem]);
  const asOf = asOfDay(options, todayUtc());
  if (!asOf.ok) return unusable("report", [asOf.problem]);
  options.progress?.("Reading workbook", 0, 4);
  const loaded = await loadPlan(file);
  if (!loaded.ok) return unusable("report", loaded.problems);
  const { pkg, tables, read } = loaded;
  // The output's extension decides its content type: refused now, before any work (issue 22).
  const typeProblem = outputTypeProblem(pkg, out.file, Boolean(options.dropMacros));
  if (typeProblem) return unusable("report", [typeProblem]);
  const beyond = asOfBeyondHistory(options.asOf, asOf.day, navSpan(read.plan.netAssets));
  if (beyond) return unusable("report", [beyond]);
  if (options.year !== undefined)
    return annualReport(options, {
      file,
      out: out.file,
      asOf: asOf.day,
      loaded: { pkg, tables, read, identity: loaded.identity },
    });
  const wanted = quartersWanted(options, asOf.day, read.plan.netAssets);
  if (!wanted.ok) return unusable("report", [wanted.problem]);
  options.progress?.("Evaluating plan", 1, 4);
  const preparedAt = options.preparedAt ?? preparedAtNow();
  const audit = runAudit(options, file, read, tables, preparedAt);
  const layouts: SheetLayout[] = [];
  const built: QuarterlyReport[] = [];
  for (const [i, quarter] of wanted.quarters.entries()) {
    // A turn of the event loop between quarters: Ctrl-C or SIGTERM is answered within one
    // quarter's work, not after all of them (issue 22).
    await new Promise<void>((resolve) => setImmediate(resolve));
    options.progress?.(`Report ${quarter.label}`, 1 + (i + 1) / wanted.quarters.length, 4);
    const evaluated = quarterlyReport(read.plan, quarter, {
      asOf: asOf.day,
      preparedAt,
      portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
    });
    // What the reader found in the workbook itself (NAV rows outside the table, near-duplicate
    // names) is on the board's exception list too, as the task pane's report has it
    // (src/excel/writeReport.ts): a figure computed without those rows must say so.
    const quarterReport = {
      ...evaluated,
      exceptions: [...read.exceptions, ...evaluated.exceptions],
    };
    layouts.push(reportLayout(quarterReport, audit));
    built.push(quarterReport);
  }
  const placed = await writeReportSheets(pkg, layouts, tables.dateSystem);
  // The audit trail names the sheets as placed (a person's sheet of a report's name is kept).
  const trail = auditTrailLayout(
    audit,
    built.map((quarterReport, i) => ({
      sheet: placed[i]!.sheetName,
      period: quarterText(quarterReport.quarter.label),
      fingerprint: quarterReport.fingerprint,
    }))
  );
  await writeReportSheets(pkg, [trail], tables.dateSystem);
  await printAndOpenOn(
    pkg,
    layouts,
    placed.map((p) => p.sheetName)
  );
  const sheets = built.map((quarterReport, i) => ({
    sheet: placed[i]!.sheetName,
    kept: placed[i]!.kept,
    quarter: quarterReport.quarter.label,
    replaced: placed[i]!.replaced,
    fingerprintRecorded: recordFingerprint(pkg, tables, quarterReport),
    report: quarterReport,
  }));
  setLastModifiedBy(pkg, audit.preparedBy);
  const droppedMacros = matchOutputType(pkg, out.file);
  options.progress?.("Saving", 3, 4);
  await savePackage(pkg, out.file, {
    // In place, the workbook is replaced only if it is still the version read (issue 22).
    ...(options.inPlace ? { unchangedSince: loaded.identity } : {}),
    onProgress: (written, total) => options.progress?.("Saving", 3 + written / total, 4),
  });
  options.progress?.("Done", 4, 4);
  const last = sheets.at(-1)!.report;
  return {
    command: "report",
    exitCode: 0,
    lines: [
      // SPEC §2: a report with nothing to check says so first, never "ok" or "None in breach".
      ...(last.nothingToCheck ? [last.nothingToCheck.message] : []),
      ...sheets.flatMap((s) => [
        ...(s.kept ? [keptSheetLine(s.kept, s.sheet)] : []),
        `${s.replaced ? "Replaced" : "Added"} sheet "${s.sheet}"${s.fingerprintRecorded ? " (board review fingerprint recorded in Reviews)" : ""}.`,
      ]),
      `Wrote ${out.file} (as of ${isoDate(asOf.day)}, prepared ${preparedAt}).`,
      ...droppedMacrosLine(droppedMacros, out.file),
      "",
      `${quarterText(last.quarter.label)}${last.preliminary ? ` (PRELIMINARY, through ${isoDate(last.period.end)})` : ""}:`,
      ...summaryTable(
        ["Portfolio", "Days", "Fees accrued", "Fees paid", "Maximum", "Headroom", "Cap"],
        [
          ...last.portfolios.map((l) => [
            l.portfolio,
            String(l.daysInEffect),
            moneyText(l.feesAccrued.toNumber()),
            moneyText(l.feesPaid.toNumber()),
            moneyText(l.maximumAllowable.toNumber()),
            l.daysInEffect === 0 ? "—" : moneyText(l.headroom.toNumber()),
            l.daysInEffect === 0 ? "not in effect" : l.breach ? "BREACH" : "ok",
          ]),
          [
            "Trust",
            "",
            moneyText(last.trust.feesAccrued.toNumber()),
            moneyText(last.trust.feesPaid.toNumber()),
            moneyText(last.trust.maximumAllowable.toNumber()),
            "—",
            last.nothingToCheck
              ? "nothing to check"
              : last.trust.portfoliosInBreach
                ? `${last.trust.portfoliosInBreach} in breach`
                : "ok",
          ],
        ]
      ),
      "",
      `${last.exceptions.filter((e) => e.severity === "error").length} error(s) in the report's exception list.`,
    ],
    written: [out.file],
    data: {
      asOf: isoDate(asOf.day),
      out: out.file,
      preparedAt,
      audit,
      sheets: sheets.map((s) => ({
        sheet: s.sheet,
        quarter: s.quarter,
        preliminary: s.report.preliminary,
        through: isoDate(s.report.period.end),
        replaced: s.replaced,
        ...(s.kept ? { keptSheet: s.kept } : {}),
        fingerprintRecorded: s.fingerprintRecorded,
        trust: {
          feesAccrued: s.report.trust.feesAccrued.toNumber(),
          feesPaid: s.report.trust.feesPaid.toNumber(),
          maximumAllowable: s.report.trust.maximumAllowable.toNumber(),
          portfoliosInBreach: s.report.trust.portfoliosInBreach,
          breach: s.report.trust.portfoliosInBreach > 0,
        },
        portfolios: s.report.portfolios.map((p) => ({
          portfolio: p.portfolio,
          daysInEffect: p.daysInEffect,
          feesAccrued: p.feesAccrued.toNumber(),
          feesPaid: p.feesPaid.toNumber(),
          maximumAllowable: p.maximumAllowable.toNumber(),
          headroom: p.headroom.toNumber(),
          breach: p.breach,
        })),
        expendituresTotal: s.report.expenditureTotals.total.toNumber(),
        exceptions: s.report.exceptions.length,
      })),
    },
  };
}
