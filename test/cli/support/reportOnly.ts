/**
 * A copy of a written workbook with only its report sheets, for LibreOffice
 * to print or recalculate without the NAV history. Works on the package, as
 * the runner does, so the report sheets (and their charts) stay byte for byte
 * what the runner wrote; optionally drops formula results so LibreOffice must
 * compute them itself.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { removePartTree, dropCalculationChain } from "../../../src/cli/xlsx/ooxml/workbookPart";
import { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import { attribute } from "../../../src/cli/xlsx/ooxml/xml";

/** Writes `out` with only the sheets named "12b-1 Report …" (and "12b-1 SAI …") of `file`; returns `out`. */
export async function reportOnly(file: string, out: string, dropResults = false): Promise<string> {
  const pkg = await XlsxPackage.read(readFileSync(file));
  const workbookPart = pkg.workbookPart();
  const sheets = pkg.sheets();
  const kept = sheets.filter(
    (s) => s.name.startsWith("12b-1 Report") || s.name.startsWith("12b-1 SAI")
  );
  for (const sheet of sheets.filter((s) => !kept.includes(s))) {
    removePartTree(pkg, sheet.part);
    pkg.removeRelationship(workbookPart, sheet.relationshipId);
  }
  const newIndex = new Map(kept.map((s, i) => [String(s.index), String(i)]));
  let xml = pkg.text(workbookPart)!;
  xml = xml.replace(/<sheet\b[^>]*\/>/g, (tag) =>
    kept.some((s) => s.relationshipId === attribute(tag, "r:id")) ? tag : ""
  );
  xml = xml.replace(
    /<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g,
    (element, attributes: string) => {
      const scope = attribute(`<x${attributes}>`, "localSheetId");
      return scope !== null && newIndex.has(scope)
        ? element.replace(/localSheetId="\d+"/, `localSheetId="${newIndex.get(scope)}"`)
        : "";
    }
  );
  xml = xml
    .replace(/<definedNames>\s*<\/definedNames>/, "")
    .replace(/\s(activeTab|firstSheet)="\d+"/g, "");
  pkg.setText(workbookPart, xml);
  dropCalculationChain(pkg);
  if (dropResults) {
    for (const sheet of kept)
      pkg.setText(sheet.part, pkg.text(sheet.part)!.replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, "$1"));
  }
  writeFileSync(out, await pkg.toBytes(new Date()));
  return out;
}
