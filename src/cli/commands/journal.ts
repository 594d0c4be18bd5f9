/**
 * `rule12b1 journal FILE --month 2026-11 -o OUT [--csv F] [--post] [--by day]
 * [--preliminary] [--force]`: the month-end close (SPEC §7). Writes the sheet
 * `12b-1 Journal 2026-11` (replacing the add-in's own sheet of that month,
 * never a person's) into a copy of FILE; `--csv` also writes the entries as a
 * flat CSV for a GL import (refused when the file is there, unless `--force`);
 * `--post` appends them to the `PostedJournals` table, sealed, once.
 */
import { promises as fs } from "node:fs";
import { isoDate } from "../../engine/calendar";
import { periodName } from "../../engine/periods";
import { journalLayout } from "../../workbook/journalLayout";
import {
  buildJournal,
  lastFinishedMonth,
  parseMonth,
  postedJournalCells,
  rowsToPost,
  unfinishedMonth,
} from "../../workbook/journalRun";
import { POSTED_JOURNALS } from "../../workbook/schema";
import { writeFileSafely } from "../files/writeFileSafely";
import { journalCsv } from "../journalCsv";
import { loadPlan } from "../loadPlan";
import { type Outcome, unusable } from "../outcome";
import { runAudit } from "../runAudit";
import { asOfDay, outputFile, preparedAtNow, type RunOptions, todayUtc } from "../runOptions";
import { moneyText, summaryTable } from "../summaryTable";
import { appendTableRows } from "../xlsx/appendTableRows";
import { setLastModifiedBy } from "../xlsx/ooxml/workbookPart";
import { savePackage } from "../xlsx/workbookFile";
import { writeReportSheets } from "./reportSheets";
import { keptSheetLine } from "../../workbook/reportSheetOwner";

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false
  );
}

/** `await journal({ command: "journal", file: "trust.xlsx", month: "2026-11", out: "closed.xlsx" })`. */
export async function journal(options: RunOptions): Promise<Outcome> {
  const file = options.file!;
  const out = outputFile(options, file);
  if (!out.ok) return unusable("journal", [out.problem]);
  const asOf = asOfDay(options, todayUtc());
  if (!asOf.ok) return unusable("journal", [asOf.problem]);
  const month =
    options.month === undefined ? lastFinishedMonth(asOf.day) : parseMonth(options.month);
  if (!month) return unusable("journal", [`--month ${options.month}: give a month like 2026-11.`]);
  if (options.byDay !== undefined && options.byDay !== "day")
    return unusable("journal", [`--by ${options.byDay}: the only split offered is --by day.`]);
  const refused = unfinishedMonth(month, asOf.day, Boolean(options.preliminary));
  if (refused)
    return unusable("journal", [
      refused.replace("ask for a preliminary journal", "add --preliminary"),
    ]);
  if (options.post && options.preliminary && month.end > asOf.day)
    return unusable("journal", [
      `${periodName(month)} has not ended: a preliminary journal is never posted. Post it once the month is over.`,
    ]);
  if (options.csv && !options.force && (await exists(options.csv)))
    return unusable("journal", [
      `${options.csv} is already there; journal replaces no CSV without --force.`,
    ]);

  options.progress?.("Reading workbook", 0, 4);
  const loaded = await loadPlan(file);
  if (!loaded.ok) return unusable("journal", loaded.problems);
  const { pkg, tables, read } = loaded;
  options.progress?.("Evaluating plan", 1, 4);
  const built = buildJournal(read.plan, {
    month,
    asOf: asOf.day,
    byDay: options.byDay === "day",
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  if (!built.ok) return unusable("journal", built.problems);
  const monthJournal = built.journal;

  let posted = 0;
  if (options.post) {
    const location = tables.locations.find(
      (l) => l.name.toLowerCase() === POSTED_JOURNALS.name.toLowerCase()
    );
    if (!location)
      return unusable("journal", [
        `--post needs the ${POSTED_JOURNALS.name} table on the ${POSTED_JOURNALS.sheet} sheet (with columns ${POSTED_JOURNALS.columns.map((c) => c.header).join(", ")}); a new workbook from init has it.`,
      ]);
    const rows = rowsToPost(monthJournal, read.plan.postedJournals ?? [], asOf.day);
    const cells = postedJournalCells(rows, location.columns, tables.dateSystem, null);
    appendTableRows(
      pkg,
      location,
      cells,
      (read.plan.postedJournals ?? []).length === 0 && location.lastRow === location.headerRow + 1
    );
    posted = rows.length;
  }

  options.progress?.("Writing the journal", 2, 4);
  const preparedAt = options.preparedAt ?? preparedAtNow();
  const audit = runAudit(options, file, read, tables, preparedAt);
  const layout = journalLayout(monthJournal, { preparedAt, asOf: asOf.day });
  const [placed] = await writeReportSheets(pkg, [layout], tables.dateSystem);
  const { replaced, sheetName, kept } = placed!;
  setLastModifiedBy(pkg, audit.preparedBy);
  options.progress?.("Saving", 3, 4);
  await savePackage(pkg, out.file, {
    onProgress: (written, total) => options.progress?.("Saving", 3 + written / total, 4),
  });
  const written = [out.file];
  if (options.csv) {
    await writeFileSafely(options.csv, Buffer.from(journalCsv(monthJournal), "utf8"));
    written.push(options.csv);
  }
  options.progress?.("Done", 4, 4);
  const entries = monthJournal.portfolios.flatMap((p) => [...p.journals, ...p.adjustments]);
  return {
    command: "journal",
    exitCode: 0,
    lines: [
      ...(kept ? [keptSheetLine(kept, sheetName)] : []),
      `${replaced ? "Replaced" : "Added"} sheet "${sheetName}".`,
      `Wrote ${written.join(" and ")} (as of ${isoDate(asOf.day)}, prepared ${preparedAt}).`,
      ...(options.post
        ? [
            posted === 0
              ? `Posted nothing: ${periodName(month)}'s entries are already in ${POSTED_JOURNALS.name}.`
              : `Posted ${posted} journal(s) to ${POSTED_JOURNALS.name}.`,
          ]
        : []),
      "",
      `${periodName(month)}${monthJournal.preliminary ? ` (PRELIMINARY, through ${isoDate(monthJournal.through)})` : ""}:`,
      ...summaryTable(
        ["Portfolio", "Entries", "Accrued", "Paid", "Adjustments", "Payable at end"],
        monthJournal.portfolios.map((p) => [
          p.portfolio,
          String(p.journals.length),
          moneyText(p.control.accrualEntries.toNumber()),
          moneyText(p.control.paymentEntries.toNumber()),
          String(p.adjustments.length),
          moneyText(p.control.closing.toNumber()),
        ])
      ),
      ...monthJournal.notes.map((note) => `Note: ${note}`),
    ],
    written,
    data: {
      asOf: isoDate(asOf.day),
      month: month.label,
      preliminary: monthJournal.preliminary,
      sheet: sheetName,
      replaced,
      posted,
      entries: entries.map((j) => ({
        journalId: j.journalId,
        date: isoDate(j.date),
        kind: j.kind,
        portfolio: j.portfolio,
        amount: j.amount.toNumber(),
        cites: j.cites ?? null,
      })),
      notes: monthJournal.notes,
    },
  };
}
