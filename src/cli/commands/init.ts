/**
 * `rule12b1 init FILE`: a new workbook with the plan tables (SPEC §1), their
 * headers, formats, dropdowns and input help. Never replaces an existing file.
 */
import { promises as fs } from "node:fs";
import { newExcelJsWorkbook } from "../xlsx/excelJs";
import { TABLES } from "../../workbook/schema";
import { type Outcome, unusable } from "../outcome";
import { preparedAtNow, preparedByDefault, type RunOptions } from "../runOptions";
import { RULE12B1_VERSION } from "../../workbook/version";
import { writePlanTables } from "../xlsx/writeTables";
import { saveWorkbook } from "../xlsx/workbookFile";

/** `await init({ command: "init", file: "trust.xlsx" })` → exit 0 and the file written. */
export async function init(options: RunOptions): Promise<Outcome> {
  const file = options.file!;
  const exists = await fs.stat(file).then(
    () => true,
    () => false
  );
  if (exists)
    return unusable("init", [
      `${file} already exists; init only creates new workbooks. Choose another name.`,
    ]);
  const workbook = await newExcelJsWorkbook();
  // Audit trail: who created the workbook, when, with which version (File › Info › Properties).
  const now = new Date();
  workbook.creator = preparedByDefault(options);
  workbook.lastModifiedBy = workbook.creator;
  workbook.created = now;
  workbook.modified = now;
  workbook.description = `Plan tables created by rule12b1 ${RULE12B1_VERSION} init, ${preparedAtNow(now)}, for ${workbook.creator}.`;
  writePlanTables(workbook);
  await saveWorkbook(workbook, file);
  return {
    command: "init",
    exitCode: 0,
    lines: [
      `Wrote ${file} with tables ${TABLES.map((t) => t.name).join(", ")}.`,
      "Fill in Portfolios, Rates, Governance and NetAssets, then run: npx rule12b1 check " + file,
    ],
    written: [file],
    data: {
      tables: TABLES.map((t) => ({
        name: t.name,
        sheet: t.sheet,
        columns: t.columns.map((c) => c.header),
      })),
    },
  };
}
