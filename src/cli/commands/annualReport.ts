/**
 * `rule12b1 report FILE --year 2026 -o OUT`: writes the annual Form N-1A
 * Item 19(g) table, sheet `12b-1 SAI FY2026` (SPEC §5 "The annual table"),
 * replacing it when it is already there.
 */
import { type Day, isoDate } from "../../engine/calendar";
import { annualTable, fiscalYearFor } from "../../engine/annualTable";
import { annualLayout } from "../../workbook/annualLayout";
import { keptSheetLine } from "../../workbook/reportSheetOwner";
import type { loadPlan } from "../loadPlan";
import { type Outcome, unusable } from "../outcome";
import { preparedAtNow, type RunOptions } from "../runOptions";
import { moneyText, summaryTable } from "../summaryTable";
import { setLastModifiedBy } from "../xlsx/ooxml/workbookPart";
import { savePackage } from "../xlsx/workbookFile";
import { droppedMacrosLine, matchOutputType } from "../xlsx/ooxml/workbookContentType";
import { runAudit } from "../runAudit";
import { printAndOpenOn, writeReportSheets } from "./reportSheets";
import { auditTrailLayout } from "../../workbook/reportAuditTrail";

type Loaded = Extract<Awaited<ReturnType<typeof loadPlan>>, { ok: true }>;

/** `await annualReport(options, { file, out, asOf, loaded })` once the workbook is loaded and the options checked. */
export async function annualReport(
  options: RunOptions,
  context: {
    file: string;
    out: string;
    asOf: Day;
    loaded: Pick<Loaded, "pkg" | "tables" | "read" | "identity">;
  }
): Promise<Outcome> {
  const { pkg, tables, read } = context.loaded;
  // Four digits from 1900, Excel's first year: 0000 is not a year (issue 22).
  const year = /^\d{4}$/.test(options.year?.trim() ?? "") ? Number(options.year) : null;
  if (year === null || year < 1900)
    return unusable("report", [`--year ${options.year}: give a year like 2026 (1900 or later).`]);
  const unfinished = read.plan.portfolios
    .map((p) => ({ portfolio: p.portfolio, fiscalYear: fiscalYearFor(year, p.fiscalYearEndMonth) }))
    .filter(({ fiscalYear }) => fiscalYear.end > context.asOf);
  const notBegun = unfinished.filter(({ fiscalYear }) => fiscalYear.start > context.asOf);
  if (notBegun.length > 0)
    return unusable("report", [
      `FY${year} has not begun on ${isoDate(context.asOf)} for ${notBegun.map((u) => u.portfolio).join(", ")}: there is nothing to report yet.`,
    ]);
  if (unfinished.length > 0 && !options.preliminary)
    return unusable("report", [
      `FY${year} has not ended on ${isoDate(context.asOf)} for ${unfinished.map((u) => `${u.portfolio} (ends ${isoDate(u.fiscalYear.end)})`).join(", ")}: add --preliminary for the table so far, marked PRELIMINARY.`,
    ]);
  const preparedAt = options.preparedAt ?? preparedAtNow();
  options.progress?.("Evaluating plan", 1, 4);
  const table = annualTable(read.plan, year, {
    asOf: context.asOf,
    preparedAt,
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  const layout = annualLayout(table);
  const [placed] = await writeReportSheets(pkg, [layout], tables.dateSystem);
  const { replaced, sheetName, kept } = placed!;
  const audit = runAudit(options, context.file, read, tables, preparedAt);
  const trail = auditTrailLayout(audit, [
    { sheet: sheetName, period: table.label, fingerprint: null },
  ]);
  await writeReportSheets(pkg, [trail], tables.dateSystem);
  await printAndOpenOn(pkg, [layout], [sheetName]);
  setLastModifiedBy(pkg, audit.preparedBy);
  const droppedMacros = matchOutputType(pkg, context.out);
  options.progress?.("Saving", 3, 4);
  await savePackage(pkg, context.out, {
    ...(options.inPlace ? { unchangedSince: context.loaded.identity } : {}),
    onProgress: (written, total) => options.progress?.("Saving", 3 + written / total, 4),
  });
  options.progress?.("Done", 4, 4);
  return {
    command: "report",
    exitCode: 0,
    lines: [
      ...(kept ? [keptSheetLine(kept, sheetName)] : []),
      `${replaced ? "Replaced" : "Added"} sheet "${sheetName}"${table.preliminary ? " (PRELIMINARY)" : ""}.`,
      `Wrote ${context.out} (as of ${isoDate(context.asOf)}, prepared ${preparedAt}).`,
      ...droppedMacrosLine(droppedMacros, context.out),
      "",
      ...summaryTable(
        ["Portfolio", "Fiscal year", "Fees paid", "Expended", "Carried forward"],
        table.lines.map((l) => [
          l.portfolio,
          `${isoDate(l.period.start)} to ${isoDate(l.period.end)}`,
          moneyText(l.feesPaid.toNumber()),
          moneyText(l.expended.toNumber()),
          moneyText(l.carryforward.toNumber()),
        ])
      ),
    ],
    written: [context.out],
    data: {
      asOf: isoDate(context.asOf),
      out: context.out,
      preparedAt,
      sheets: [
        {
          sheet: sheetName,
          replaced,
          preliminary: table.preliminary,
          portfolios: table.lines.map((l) => ({
            portfolio: l.portfolio,
            fiscalYear: `${isoDate(l.period.start)} to ${isoDate(l.period.end)}`,
            feesPaid: l.feesPaid.toNumber(),
            expended: l.expended.toNumber(),
            lines: Object.fromEntries(l.lines.map((x) => [x.line, x.amount.toNumber()])),
            carryforward: l.carryforward.toNumber(),
          })),
        },
      ],
    },
  };
}
