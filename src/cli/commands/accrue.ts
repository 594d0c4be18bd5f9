/**
 * `rule12b1 accrue FILE -o OUT`: writes Days · Rate · Daily fee · Month to
 * date · Cap headroom · Accrual note beside the NetAssets table
 * (`src/workbook/accrualColumns.ts`) and saves OUT. FILE is only read
 * (unless `--in-place`). `run` holds OUT's lock around all of it
 * (`files/lockedCommand.ts`).
 */
import { isoDate } from "../../engine/calendar";
import { accrualRowColumns } from "../../engine/accrualRowColumns";
import { evaluateAccruals } from "../../engine/evaluateAccruals";
import {
  type AccrualCell,
  accrualAuditNote,
  accrualFigures,
  accrualRow,
} from "../../workbook/accrualColumns";
import { NET_ASSETS } from "../../workbook/schema";
import { loadPlan } from "../loadPlan";
import { asOfBeyondHistory, navSpan } from "../navHistory";
import { type Outcome, unusable } from "../outcome";
import { runAudit } from "../runAudit";
import {
  asOfDay,
  outputFile,
  preparedAtNow,
  preparedByDefault,
  type RunOptions,
  todayUtc,
} from "../runOptions";
import { findingLine, moneyText, summaryTable } from "../summaryTable";
import { setLastModifiedBy } from "../xlsx/ooxml/workbookPart";
import { placeAccrualColumns, writeAccrualColumns } from "../xlsx/writeAccrualColumns";
import { savePackage } from "../xlsx/workbookFile";
import {
  droppedMacrosLine,
  matchOutputType,
  outputTypeProblem,
} from "../xlsx/ooxml/workbookContentType";

/** `await accrue({ command: "accrue", file: "trust.xlsx", out: "accrued.xlsx" })`. */
export async function accrue(options: RunOptions): Promise<Outcome> {
  const file = options.file!;
  const out = outputFile(options, file);
  if (!out.ok) return unusable("accrue", [out.problem]);
  const asOf = asOfDay(options, todayUtc());
  if (!asOf.ok) return unusable("accrue", [asOf.problem]);
  options.progress?.("Reading workbook", 0, 4);
  const loaded = await loadPlan(file, { keepNetAssetsBytes: true });
  if (!loaded.ok) return unusable("accrue", loaded.problems);
  const { pkg, tables, read } = loaded;
  // The output's extension decides its content type: refused now, before any work (issue 22).
  const typeProblem = outputTypeProblem(pkg, out.file, Boolean(options.dropMacros));
  if (typeProblem) return unusable("accrue", [typeProblem]);
  const beyond = asOfBeyondHistory(options.asOf, asOf.day, navSpan(read.plan.netAssets));
  if (beyond) return unusable("accrue", [beyond]);
  options.progress?.("Accruing", 1, 4);
  // The accruals alone: accrue writes figures, and findings are check's (exit 1 is check's to give).
  const evaluation = evaluateAccruals(read.plan, {
    asOf: asOf.day,
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  if (evaluation.nothingToCheck)
    // SPEC §2 "Nothing to check is not compliance": an empty plan is said to be empty (exit 2,
    // nothing written), not "Wrote the accrual columns for 1 NetAssets rows".
    return {
      command: "accrue",
      exitCode: 2,
      lines: [
        `Nothing to accrue: ${evaluation.nothingToCheck.reason} (as of ${isoDate(asOf.day)}); nothing was written.`,
      ],
      written: [],
      data: {
        asOf: isoDate(asOf.day),
        nothingToCheck: {
          emptyTables: evaluation.nothingToCheck.emptyTables,
          message: evaluation.nothingToCheck.message,
        },
      },
    };
  const location = tables.locations.find(
    (l) => l.name.toLowerCase() === NET_ASSETS.name.toLowerCase()
  )!;
  const rowCount = location.lastRow - location.headerRow;
  const figures = accrualFigures(read.plan, evaluation, rowCount, read.exceptions);
  options.progress?.("Writing columns", 2, 4);
  const audit = runAudit(options, file, read, tables, options.preparedAt ?? preparedAtNow());
  const placement = await placeAccrualColumns(pkg, location);
  if (!placement.ok) return unusable("accrue", [placement.problem]);
  // Each row's cells are made into text as soon as they are read: one array serves every row.
  const scratch: AccrualCell[] = [];
  const rowAt = (index: number) => accrualRow(figures, index, scratch);
  await writeAccrualColumns(pkg, location, placement, rowAt, accrualAuditNote(audit));
  setLastModifiedBy(pkg, preparedByDefault(options));
  const droppedMacros = matchOutputType(pkg, out.file);
  options.progress?.("Saving", 3, 4);
  await savePackage(pkg, out.file, {
    // In place, the workbook is replaced only if it is still the version read (issue 22).
    ...(options.inPlace ? { unchangedSince: loaded.identity } : {}),
    onProgress: (written, total) => options.progress?.("Saving", 3 + written / total, 4),
  });
  options.progress?.("Done", 4, 4);
  const perPortfolio = evaluation.portfolios.map((p) => ({
    portfolio: p.settings.portfolio,
    navRows: p.series?.length ?? 0,
    // From the row columns: reading `rows` would build a Decimal row per NAV on the fast path.
    daysAccrued: p.accrual ? daysIn(accrualRowColumns(p.accrual).days) : 0,
    feesAccrued: p.accrual?.total.toNumber() ?? null,
    through: p.through === null ? null : isoDate(p.through),
  }));
  // What the reader found in the workbook itself bears on these figures (NAV rows outside the
  // table are not accrued): said here, not left for a later `check` to reveal.
  const inputWarnings = read.exceptions
    .filter((e) => e.rule === "input" && e.severity === "warning")
    .map(findingLine);
  return {
    command: "accrue",
    exitCode: 0,
    lines: [
      `Wrote the accrual columns for ${rowCount.toLocaleString("en-US")} NetAssets rows to ${out.file} (as of ${isoDate(asOf.day)}).`,
      ...droppedMacrosLine(droppedMacros, out.file),
      "",
      ...summaryTable(
        ["Portfolio", "NAV rows", "Days accrued", "Fees accrued", "Through"],
        perPortfolio.map((p) => [
          p.portfolio,
          String(p.navRows),
          String(p.daysAccrued),
          p.feesAccrued === null ? "not computed" : moneyText(p.feesAccrued),
          p.through ?? "",
        ])
      ),
      ...(inputWarnings.length > 0 ? ["", ...inputWarnings] : []),
    ],
    written: [out.file],
    data: {
      asOf: isoDate(asOf.day),
      out: out.file,
      rows: rowCount,
      portfolios: perPortfolio,
      audit,
    },
  };
}

/** The days a portfolio's accrual rows cover, summed. `daysIn(Int32Array.of(1, 3))` → 4 */
function daysIn(days: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < days.length; i += 1) total += days[i]!;
  return total;
}
