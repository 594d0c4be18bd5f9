/**
 * The audit facts of one runner command (issue 6): the operator
 * (`--prepared-by` or the OS user), the stamp, rule12b1's version, the input
 * file's name and the NetAssets rows each portfolio's figures used.
 */
import path from "node:path";
import { type AuditFacts, auditFacts, netAssetsRanges } from "../workbook/auditTrail";
import type { ReadPlanResult } from "../workbook/readPlan";
import { NET_ASSETS } from "../workbook/schema";
import { preparedByDefault, type RunOptions } from "./runOptions";
import type { WorkbookTables } from "./xlsx/readTables";

/** `runAudit(options, "trust.xlsx", read, tables, "2026-11-28 09:00 UTC")` → `{ preparedBy: "jdoe", …, netAssets: [{ portfolio: "Growth", … }] }`. */
export function runAudit(
  options: RunOptions,
  file: string,
  read: ReadPlanResult,
  tables: WorkbookTables,
  preparedAt: string
): AuditFacts {
  const location = tables.locations.find(
    (l) => l.name.toLowerCase() === NET_ASSETS.name.toLowerCase()
  );
  const ranges = location
    ? netAssetsRanges(
        read.plan.netAssets,
        read.plan.portfolios.map((p) => p.portfolio),
        location
      )
    : [];
  const named = options.preparedBy !== undefined && options.preparedBy.trim() !== "";
  return auditFacts({
    preparedBy: preparedByDefault(options),
    // Without --prepared-by only the OS account is known: the audit trail keeps it, the board's pages do not.
    ...(named ? {} : { preparedByIsAccount: true }),
    preparedAt,
    inputWorkbook: path.basename(file),
    netAssets: ranges,
  });
}
