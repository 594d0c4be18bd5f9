/**
 * Grafting a worksheet rendered by ExcelJS in a scratch workbook into the
 * user's package: the sheet part is copied with its text stored inline
 * (rather than in the scratch's shared-string table) and its style indexes
 * mapped into the user's styles part; the workbook gains the sheet — or, if
 * a sheet of that name exists, the new content takes its place, tab position
 * and all, and the old sheet's drawings, charts and notes go with it. The
 * rest of the user's package is not touched.
 */
import type ExcelJS from "exceljs";
import { excelJsCanonical } from "./excelJsCanonical";
import { mergeStyles } from "./styles";
import {
  dropCalculationChain,
  removePartTree,
  removeSheetScopedNames,
  setDefinedName,
} from "./workbookPart";
import { CONTENT_TYPES, REL_TYPES, type SheetEntry, XlsxPackage } from "./xlsxPackage";
import { attribute, ensureDeclared, escapeXml, setAttribute, unescapeXml } from "./xml";
import { NS } from "./xmlParse";

const STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const SHARED_STRINGS_TYPE =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

/**
 * `await renderScratch(workbook)`: an ExcelJS workbook as a package, stored
 * uncompressed (it is only read back). Its sheets and shared strings — the
 * parts that grow with the report — are taken in canonical form without a
 * second parse where ExcelJS's output allows (`excelJsCanonical.ts` says why).
 */
export async function renderScratch(workbook: ExcelJS.Workbook): Promise<XlsxPackage> {
  const scratch = await XlsxPackage.read(
    Buffer.from(
      await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions)
    )
  );
  for (const part of scratch.parts()) {
    if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(part)) continue;
    const canonical = excelJsCanonical(scratch.bytes(part)!.toString("utf8"), part);
    if (canonical) scratch.setCanonicalText(part, canonical.xml, canonical.rootUri);
  }
  return scratch;
}

/** The package path of the workbook's styles part. */
export function stylesPart(pkg: XlsxPackage): string {
  return (
    pkg.relationships(pkg.workbookPart()).find((r) => r.type === STYLES_TYPE)?.target ??
    "xl/styles.xml"
  );
}

/** Maps every `s` (cells, rows) and `style` (columns) index of `sheetXml` through `map`. */
export function remapStyles(
  sheetXml: string,
  map: (index: number) => number,
  mapDifferential: (index: number) => number
): string {
  return sheetXml
    .replace(/<(c|row)\b[^>]*>/g, (tag) => {
      const s = attribute(tag, "s");
      return s === null ? tag : setAttribute(tag, "s", String(map(Number(s))));
    })
    .replace(/<col\b[^>]*>/g, (tag) => {
      const style = attribute(tag, "style");
      return style === null ? tag : setAttribute(tag, "style", String(map(Number(style))));
    })
    .replace(/<cfRule\b[^>]*>/g, (tag) => {
      const dxf = attribute(tag, "dxfId");
      return dxf === null ? tag : setAttribute(tag, "dxfId", String(mapDifferential(Number(dxf))));
    });
}

/** `sheetXml` with shared-string cells turned into inline-string cells (the `<si>` content becomes `<is>`). */
function inlineSharedStrings(sheetXml: string, sharedStrings: string | null): string {
  if (!sharedStrings) return sheetXml;
  const items = [...sharedStrings.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? "");
  return sheetXml.replace(
    /<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)<\/v>\s*<\/c>/g,
    (_, before: string, after: string, index: string) =>
      `<c${before}${after} t="inlineStr"><is>${items[Number(index)] ?? "<t></t>"}</is></c>`
  );
}

function findSheet(pkg: XlsxPackage, name: string): SheetEntry | undefined {
  return pkg.sheets().find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/**
 * Puts sheet `sheetName` of `donor` into `target`; returns whether it replaced
 * a sheet. `fill`, when given, completes the sheet part once its styles are
 * mapped (`cellFormat`: a donor style index → the target's) — the report's
 * cells, written without ExcelJS (`layoutSheetXml.ts`).
 *
 * `graftSheet(userPackage, await renderScratch(scratch), "12b-1 Report 2026-Q3")` → `{ replaced: false }`
 */
export function graftSheet(
  target: XlsxPackage,
  donor: XlsxPackage,
  sheetName: string,
  fill?: (sheetXml: string, cellFormat: (donorIndex: number) => number) => string
): { replaced: boolean } {
  const source = findSheet(donor, sheetName);
  if (!source) throw new Error(`scratch workbook has no sheet "${sheetName}"`);
  const foreign = donor.relationships(source.part);
  if (foreign.length > 0)
    throw new Error(
      `sheet "${sheetName}" has parts of its own (${foreign.map((r) => r.type).join(", ")}); grafting them is not supported`
    );
  const donorWorkbook = donor.workbookPart();
  const sharedStrings = donor
    .relationships(donorWorkbook)
    .find((r) => r.type === SHARED_STRINGS_TYPE);
  const merged = mergeStyles(target.text(stylesPart(target))!, donor.text(stylesPart(donor))!);
  target.setText(stylesPart(target), merged.styles);
  // A grafted sheet must not arrive selected: two selected tabs put Excel in group-edit mode.
  const donorSheetXml = remapStyles(
    inlineSharedStrings(
      donor.text(source.part)!,
      sharedStrings ? donor.text(sharedStrings.target) : null
    ),
    merged.cellFormat,
    merged.differentialFormat
  ).replace(/\stabSelected="1"/g, "");
  const sheetXml = fill ? fill(donorSheetXml, merged.cellFormat) : donorSheetXml;

  const workbookPart = target.workbookPart();
  const existing = findSheet(target, sheetName);
  let index: number;
  if (existing) {
    removePartTree(target, existing.part);
    target.setText(existing.part, sheetXml);
    target.setContentType(existing.part, CONTENT_TYPES.worksheet);
    removeSheetScopedNames(target, existing.index);
    index = existing.index;
  } else {
    const part = target.freePart("xl/worksheets/sheet", ".xml");
    target.setText(part, sheetXml);
    target.setContentType(part, CONTENT_TYPES.worksheet);
    const id = target.addRelationship(workbookPart, REL_TYPES.worksheet, part);
    const sheets = target.sheets();
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    const workbook = ensureDeclared(target.text(workbookPart)!, "r", NS.relationships);
    const element = `<sheet name="${escapeXml(sheetName)}" sheetId="${sheetId}" r:id="${id}"/>`;
    target.setText(
      workbookPart,
      /<sheets\s*\/>/.test(workbook)
        ? workbook.replace(/<sheets\s*\/>/, `<sheets>${element}</sheets>`)
        : workbook.replace("</sheets>", `${element}</sheets>`)
    );
    index = sheets.length;
  }
  // Names scoped to the scratch sheet (its print titles) move with it.
  for (const match of (donor.text(donorWorkbook) ?? "").matchAll(
    /<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g
  )) {
    const open = `<definedName${match[1]}>`;
    if (attribute(open, "localSheetId") === String(source.index))
      setDefinedName(target, unescapeXml(attribute(open, "name")!), unescapeXml(match[2]!), index);
  }
  dropCalculationChain(target);
  return { replaced: existing !== undefined };
}
