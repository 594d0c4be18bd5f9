/**
 * `rule12b1 report FILE --quarter 2026Q3 -o OUT`: writes the quarterly report
 * sheet `12b-1 Report YYYY-Qn` (SPEC §5) into a copy of FILE, replacing that
 * quarter's sheet if it is already there (never a duplicate), with its chart.
 * When the quarter's row in Reviews has a board review date and no
 * fingerprint yet, the fingerprint is recorded there (the quarter's lock).
 */
import ExcelJS from "exceljs";
import { type Day, isoDate } from "../../engine/calendar";
import { evaluatePlan } from "../../engine/evaluatePlan";
import {
  lastCompleteQuarter,
  parseQuarter,
  type Period,
  periodsBetween,
} from "../../engine/periods";
import { quarterlyReport, type QuarterlyReport } from "../../engine/quarterlyReport";
import { reportLayout } from "../../workbook/reportLayout";
import { normalizeHeader, REVIEWS } from "../../workbook/schema";
import type { SheetLayout } from "../../workbook/sheetLayout";
import { loadPlan } from "../loadPlan";
import { type Outcome, unusable } from "../outcome";
import { runAudit } from "../runAudit";
import { asOfDay, outputFile, preparedAtNow, type RunOptions, todayUtc } from "../runOptions";
import { moneyText, summaryTable } from "../summaryTable";
import { injectCharts } from "../xlsx/injectCharts";
import { graftSheet, renderScratch } from "../xlsx/ooxml/graftSheet";
import { setCell } from "../xlsx/ooxml/sheetCells";
import { setLastModifiedBy } from "../xlsx/ooxml/workbookPart";
import type { XlsxPackage } from "../xlsx/ooxml/xlsxPackage";
import { layoutCharts } from "../xlsx/reportCharts";
import type { WorkbookTables } from "../xlsx/readTables";
import { savePackage } from "../xlsx/workbookFile";
import { writeLayout } from "../xlsx/writeLayout";

function quartersWanted(
  options: RunOptions,
  asOf: Day,
  firstNav: Day | null
): { ok: true; quarters: Period[] } | { ok: false; problem: string } {
  if (options.allQuarters) {
    const last = lastCompleteQuarter(asOf);
    return firstNav === null || firstNav > last.end
      ? { ok: false, problem: "--all-quarters: no complete quarter has NAV rows." }
      : { ok: true, quarters: periodsBetween("quarter", firstNav, last.end) };
  }
  if (options.quarter === undefined) return { ok: true, quarters: [lastCompleteQuarter(asOf)] };
  const quarter = parseQuarter(options.quarter);
  return quarter
    ? { ok: true, quarters: [quarter] }
    : { ok: false, problem: `--quarter ${options.quarter}: give a quarter like 2026Q3.` };
}

/**
 * Writes the report sheets into `pkg`: rendered by ExcelJS in a scratch
 * workbook (values, styles, merges, print setup), grafted into the user's
 * package — replacing a sheet of the same name in its tab position — with
 * their charts. Returns, per layout, whether a sheet was replaced.
 */
async function writeReportSheets(
  pkg: XlsxPackage,
  layouts: readonly SheetLayout[],
  dateSystem: WorkbookTables["dateSystem"]
): Promise<boolean[]> {
  const scratch = new ExcelJS.Workbook();
  for (const layout of layouts)
    writeLayout(
      scratch.addWorksheet(layout.sheetName, { properties: { tabColor: { argb: "FF1F4E79" } } }),
      layout,
      dateSystem
    );
  const donor = await renderScratch(scratch);
  const replaced = layouts.map((layout) => graftSheet(pkg, donor, layout.sheetName).replaced);
  injectCharts(pkg, layoutCharts(layouts));
  return replaced;
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
  const out = outputFile(options, file);
  if (!out.ok) return unusable("report", [out.problem]);
  const asOf = asOfDay(options, todayUtc());
  if (!asOf.ok) return unusable("report", [asOf.problem]);
  options.progress?.("Reading workbook", 0, 4);
  const loaded = await loadPlan(file);
  if (!loaded.ok) return unusable("report", loaded.problems);
  const { pkg, tables, read } = loaded;
  const firstNav = read.plan.netAssets.length
    ? Math.min(...read.plan.netAssets.map((r) => r.date))
    : null;
  const wanted = quartersWanted(options, asOf.day, firstNav);
  if (!wanted.ok) return unusable("report", [wanted.problem]);
  options.progress?.("Evaluating plan", 1, 4);
  const evaluation = evaluatePlan(read.plan, {
    asOf: asOf.day,
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  const preparedAt = options.preparedAt ?? preparedAtNow();
  const audit = runAudit(options, file, read, tables, preparedAt);
  const layouts: SheetLayout[] = [];
  const built = wanted.quarters.map((quarter, i) => {
    options.progress?.(`Report ${quarter.label}`, 1 + (i + 1) / wanted.quarters.length, 4);
    const quarterReport = quarterlyReport(read.plan, evaluation, quarter, preparedAt);
    layouts.push(reportLayout(quarterReport, audit));
    return quarterReport;
  });
  const replaced = await writeReportSheets(pkg, layouts, tables.dateSystem);
  const sheets = built.map((quarterReport, i) => ({
    sheet: layouts[i]!.sheetName,
    quarter: quarterReport.quarter.label,
    replaced: replaced[i]!,
    fingerprintRecorded: recordFingerprint(pkg, tables, quarterReport),
    report: quarterReport,
  }));
  setLastModifiedBy(pkg, audit.preparedBy);
  options.progress?.("Saving", 3, 4);
  await savePackage(pkg, out.file, {
    onProgress: (written, total) => options.progress?.("Saving", 3 + written / total, 4),
  });
  options.progress?.("Done", 4, 4);
  const last = sheets.at(-1)!.report;
  return {
    command: "report",
    exitCode: 0,
    lines: [
      ...sheets.map(
        (s) =>
          `${s.replaced ? "Replaced" : "Added"} sheet "${s.sheet}"${s.fingerprintRecorded ? " (board review fingerprint recorded in Reviews)" : ""}.`
      ),
      `Wrote ${out.file} (as of ${isoDate(asOf.day)}, prepared ${preparedAt}).`,
      "",
      `${last.quarter.label}:`,
      ...summaryTable(
        ["Portfolio", "Days", "Fees accrued", "Fees paid", "Maximum", "Headroom", "Cap"],
        [...last.portfolios, { ...last.trust, portfolio: "Trust", daysInEffect: NaN }].map((l) => [
          l.portfolio,
          Number.isNaN(l.daysInEffect) ? "" : String(l.daysInEffect),
          moneyText(l.feesAccrued.toNumber()),
          moneyText(l.feesPaid.toNumber()),
          moneyText(l.maximumAllowable.toNumber()),
          moneyText(l.headroom.toNumber()),
          l.breach ? "BREACH" : "ok",
        ])
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
        replaced: s.replaced,
        fingerprintRecorded: s.fingerprintRecorded,
        trust: {
          feesAccrued: s.report.trust.feesAccrued.toNumber(),
          feesPaid: s.report.trust.feesPaid.toNumber(),
          maximumAllowable: s.report.trust.maximumAllowable.toNumber(),
          headroom: s.report.trust.headroom.toNumber(),
          breach: s.report.trust.breach,
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
