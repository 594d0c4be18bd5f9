/**
 * A test trust read as `accrue` reads it and its accrual columns placed: what
 * the writer's tests start from before they compare two ways of writing.
 */
import { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import { readWorkbookTables } from "../../../src/cli/xlsx/readTables";
import { ACCRUAL_BAND, placeAccrualColumns } from "../../../src/cli/xlsx/writeAccrualColumns";

/**
 * `bytes` read, its NetAssets table found and the accrual columns placed (throws if they cannot
 * be). `keep`: the NAV sheet's bytes kept as the reader inflated them, as `accrue` keeps them.
 */
export async function placedAccrualColumns(bytes: Buffer, { keep = false } = {}) {
  const pkg = await XlsxPackage.read(bytes);
  if (keep) pkg.keepStreamedBytes(Number.MAX_SAFE_INTEGER);
  const location = (await readWorkbookTables(pkg, ACCRUAL_BAND)).locations.find(
    (l) => l.name === "NetAssets"
  )!;
  if (keep) pkg.keepStreamedBytesOf(location.sheetPart);
  const placement = await placeAccrualColumns(pkg, location);
  if (!placement.ok) throw new Error(placement.problem);
  return { pkg, location, placement };
}
