/**
 * Opens a workbook and reads its plan: the one path every command that takes
 * a FILE goes through. Anything that stops the figures being trustworthy —
 * a file that will not open, merged cells in a table, a missing table or
 * column, or any cell the reader refused — is returned as located problems
 * (exit 2, nothing written): rule12b1 never computes from a hole.
 *
 * NetAssets rows that read fine but cannot form a NAV history — a negative
 * net assets figure, a date repeated or out of order for its portfolio — are
 * unusable input too (issue 6): the engine would compute no fee for that
 * portfolio, so the runner refuses the workbook rather than write a report or
 * columns with a hole in them. Zero net assets are allowed (a class with no
 * shareholders yet).
 */
import { exception } from "../engine/exceptions";
import { NET_ASSETS } from "../workbook/schema";
import type { FileIdentity } from "./files/fileIdentity";
import { readPlan, type ReadPlanResult } from "../workbook/readPlan";
import { groupRefusals } from "../workbook/groupedRefusals";
import { refusals } from "../workbook/usablePlan";
import { UnreadablePackage } from "./xlsx/ooxml/packageError";
import { readWorkbookTables, type WorkbookTables } from "./xlsx/readTables";
import type { XlsxPackage } from "./xlsx/ooxml/xlsxPackage";
import { loadWorkbook } from "./xlsx/workbookFile";
import { STREAM_FROM } from "./xlsx/ooxml/sheetCellStream";
import { ACCRUAL_BAND } from "./xlsx/writeAccrualColumns";

export type LoadedPlan =
  | {
      ok: true;
      pkg: XlsxPackage;
      tables: WorkbookTables;
      read: ReadPlanResult;
      /** The version of the file read: `--in-place` replaces it only if it is still this one. */
      identity: FileIdentity;
    }
  | { ok: false; problems: string[] };

/**
 * `await loadPlan("trust.xlsx")` → `{ ok: true, pkg, tables, read }` or `{ ok: false, problems }`.
 *
 * `keepNetAssetsBytes`: the NetAssets sheet will be edited next (`writeAccrualColumns`), so the
 * bytes the table reader inflates are kept for the editor rather than inflated again.
 */
export async function loadPlan(
  file: string,
  { keepNetAssetsBytes = false }: { keepNetAssetsBytes?: boolean } = {}
): Promise<LoadedPlan> {
  const loaded = await loadWorkbook(file);
  if (!loaded.ok) return { ok: false, problems: [loaded.problem] };
  // Below STREAM_FROM the editor takes the sheet's kept bytes; above it, it streams the sheet again.
  if (keepNetAssetsBytes) loaded.pkg.keepStreamedBytes(STREAM_FROM);
  let tables: WorkbookTables;
  try {
    // What lies right of NetAssets is noted by the same scan (issue 24): accrue's placement
    // check reads it there instead of walking the NAV sheet again; check and report pay a
    // comparison per cell.
    tables = await readWorkbookTables(loaded.pkg, ACCRUAL_BAND);
    // Of the sheets read, only the NetAssets sheet is edited: the others' bytes are not held.
    if (keepNetAssetsBytes)
      loaded.pkg.keepStreamedBytesOf(
        tables.locations.find((l) => l.name.toLowerCase() === NET_ASSETS.name.toLowerCase())
          ?.sheetPart ?? ""
      );
    // The parts the plan does not use are checked too (a damaged picture): every command
    // refuses the same files, and before any work rather than while writing.
    await loaded.pkg.verifyUnread();
  } catch (error) {
    if (error instanceof UnreadablePackage)
      return { ok: false, problems: [`${file}: ${error.message}`] };
    throw error;
  }
  if (tables.problems.length > 0) return { ok: false, problems: tables.problems };
  const read = readPlan({ tables: tables.tables, dateSystem: tables.dateSystem });
  // The rows are in the plan now; after this only headers are looked at (report's Fingerprint
  // column), so the scanned cells — megabytes on a long NetAssets table — are let go rather
  // than held through evaluating and saving.
  for (const table of tables.tables) {
    table.rows = [];
    delete table.rowReader;
  }
  // Findings about the package itself (rows just below a table) join the plan's, as warnings.
  read.exceptions.push(...tables.warnings.map((w) => exception("warning", "input", w)));
  // The gate the task pane applies too (src/workbook/usablePlan.ts).
  // Many bad cells of one column are one sentence, not a line each (issue 22).
  const refused = groupRefusals(refusals(read));
  if (refused.length > 0) return { ok: false, problems: refused.map((r) => r.text) };
  return { ok: true, pkg: loaded.pkg, tables, read, identity: loaded.identity };
}
