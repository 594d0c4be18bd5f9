/**
 * Merging cell styles from one styles part into another. The runner renders
 * what it writes (a report sheet, the accrual columns' formats) with ExcelJS
 * in a small scratch workbook, then grafts it into the user's package; the
 * scratch cells' style indexes point into the scratch styles part, so their
 * fonts, fills, borders, number formats and cell formats are added to the
 * user's styles part — reusing any identical entry already there, so running
 * twice adds nothing the second time — and the indexes are mapped.
 */
import { attribute, elementAt, escapeXml, insertBefore, setAttribute, unescapeXml } from "./xml";

interface Collection {
  /** The collection element's extent in the styles part, or null when absent. */
  at: { start: number; end: number; openEnd: number } | null;
  items: string[];
}

// CT_Stylesheet's child sequence, for inserting a collection the part lacks.
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

function collection(xml: string, name: string, item: string): Collection {
  const at = elementAt(xml, name);
  if (!at) return { at: null, items: [] };
  const items: string[] = [];
  let from = at.openEnd;
  for (;;) {
    const found = elementAt(xml, item, from);
    if (!found || found.start >= at.end) break;
    items.push(xml.slice(found.start, found.end));
    from = found.end;
  }
  return { at, items };
}

/** Index of `item` in `items`, appending it when no identical entry exists. */
function indexOrAppend(items: string[], item: string): number {
  const found = items.indexOf(item);
  if (found >= 0) return found;
  items.push(item);
  return items.length - 1;
}

function replaceCollection(
  xml: string,
  name: string,
  items: readonly string[],
  previous: Collection
): string {
  const element = `<${name} count="${items.length}">${items.join("")}</${name}>`;
  if (previous.at)
    return `${xml.slice(0, previous.at.start)}${element}${xml.slice(previous.at.end)}`;
  return insertBefore(xml, ORDER.slice(ORDER.indexOf(name) + 1), "styleSheet", element);
}

export interface MergedStyles {
  /** The target styles part with the donor's styles added. */
  styles: string;
  /** Donor cell format (`s`) index → target index. */
  cellFormat: (donorIndex: number) => number;
  /** Donor differential format (`dxfId`) index → target index. */
  differentialFormat: (donorIndex: number) => number;
}

/**
 * Adds the cell formats of the `donor` styles part to `target`.
 *
 * `mergeStyles(userStyles, scratchStyles).cellFormat(3)` → the user-part index of the scratch's format 3.
 */
export function mergeStyles(target: string, donor: string): MergedStyles {
  let styles = target;
  // Number formats: built-ins (< 164) are shared by every workbook; custom ones are matched by code.
  const targetFormats = collection(styles, "numFmts", "numFmt");
  const codes = new Map(
    targetFormats.items.map((tag) => [
      unescapeXml(attribute(tag, "formatCode") ?? ""),
      Number(attribute(tag, "numFmtId")),
    ])
  );
  let nextFormatId = Math.max(163, ...codes.values()) + 1;
  const formatIds = new Map<number, number>();
  const formatItems = [...targetFormats.items];
  for (const tag of collection(donor, "numFmts", "numFmt").items) {
    const code = unescapeXml(attribute(tag, "formatCode") ?? "");
    let id = codes.get(code);
    if (id === undefined) {
      id = nextFormatId++;
      codes.set(code, id);
      formatItems.push(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    }
    formatIds.set(Number(attribute(tag, "numFmtId")), id);
  }
  if (formatItems.length > targetFormats.items.length)
    styles = replaceCollection(styles, "numFmts", formatItems, targetFormats);

  const mapped: Record<string, number[]> = {};
  for (const [name, item] of [
    ["fonts", "font"],
    ["fills", "fill"],
    ["borders", "border"],
  ] as const) {
    const existing = collection(styles, name, item);
    const items = [...existing.items];
    mapped[item] = collection(donor, name, item).items.map((donorItem) =>
      indexOrAppend(items, donorItem)
    );
    if (items.length > existing.items.length)
      styles = replaceCollection(styles, name, items, existing);
  }

  const cellFormats = collection(styles, "cellXfs", "xf");
  const cellItems = [...cellFormats.items];
  const cellMap = collection(donor, "cellXfs", "xf").items.map((xf) => {
    const open = /^<xf\b[^>]*>/.exec(xf)![0];
    let tag = open;
    const remap = (name: string, lookup: (n: number) => number | undefined) => {
      const value = attribute(tag, name);
      if (value !== null) tag = setAttribute(tag, name, String(lookup(Number(value)) ?? 0));
    };
    remap("numFmtId", (n) => (n < 164 ? n : formatIds.get(n)));
    remap("fontId", (n) => mapped.font![n]);
    remap("fillId", (n) => mapped.fill![n]);
    remap("borderId", (n) => mapped.border![n]);
    tag = setAttribute(tag, "xfId", "0");
    return indexOrAppend(cellItems, tag + xf.slice(open.length));
  });
  if (cellItems.length > cellFormats.items.length)
    styles = replaceCollection(styles, "cellXfs", cellItems, cellFormats);

  const differential = collection(styles, "dxfs", "dxf");
  const differentialItems = [...differential.items];
  const differentialMap = collection(donor, "dxfs", "dxf").items.map((dxf) =>
    indexOrAppend(differentialItems, dxf)
  );
  if (differentialItems.length > differential.items.length)
    styles = replaceCollection(styles, "dxfs", differentialItems, differential);

  return {
    styles,
    cellFormat: (index) => cellMap[index] ?? 0,
    differentialFormat: (index) => differentialMap[index] ?? 0,
  };
}
