/**
 * Adds real Excel charts to a package ExcelJS has saved: for each sheet, a
 * chart part, a drawing part, their relationships and content types, and the
 * sheet's `<drawing>` element. ExcelJS drops charts when it loads a file, so
 * the runner re-adds the charts of every report sheet it writes on each save.
 */
import JSZip from "jszip";
import { ZIP_OPTIONS } from "./zipOptions";
import type { ChartSpec } from "../../workbook/sheetLayout";
import { chartXml, drawingXml } from "./chartXml";

export interface SheetCharts {
  sheetName: string;
  charts: { spec: ChartSpec; labels: string[]; values: number[] }[];
}

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DRAWING_TYPE = `${REL_NS}/drawing`;
const CHART_TYPE = `${REL_NS}/chart`;
// Elements that must follow <drawing> in a worksheet (CT_Worksheet sequence).
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  const file = zip.file(path);
  return file ? file.async("string") : null;
}

function nextFreeNumber(zip: JSZip, pattern: RegExp): number {
  let max = 0;
  zip.forEach((path) => {
    const match = pattern.exec(path);
    if (match) max = Math.max(max, Number(match[1]));
  });
  return max + 1;
}

function addRelationship(rels: string | null, id: string, type: string, target: string): string {
  const base = rels ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  return base.replace("</Relationships>", `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`);
}

/** The sheet part path (e.g. "xl/worksheets/sheet3.xml") of each sheet name. */
async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await text(zip, "xl/workbook.xml")) ?? "";
  const rels = (await text(zip, "xl/_rels/workbook.xml.rels")) ?? "";
  const targets = new Map<string, string>();
  for (const match of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(match[0])?.[1];
    const target = /Target="([^"]+)"/.exec(match[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const paths = new Map<string, string>();
  for (const match of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(match[0])?.[1];
    const id = /r:id="([^"]+)"/.exec(match[0])?.[1];
    const path = id ? targets.get(id) : undefined;
    if (name !== undefined && path) paths.set(unescapeXml(name), path);
  }
  return paths;
}

/**
 * Returns `xlsx` with the charts added. Sheets that already have a drawing
 * are left alone and named in `skipped`.
 *
 * `await injectCharts(await workbook.xlsx.writeBuffer(), [{ sheetName: "12b-1 Report 2026-Q3", charts }])`
 */
export async function injectCharts(xlsx: Uint8Array | ArrayBuffer, sheets: readonly SheetCharts[]): Promise<{ xlsx: Uint8Array; skipped: string[] }> {
  const zip = await JSZip.loadAsync(xlsx);
  const paths = await sheetPaths(zip);
  let contentTypes = (await text(zip, "[Content_Types].xml")) ?? "";
  const skipped: string[] = [];
  for (const sheet of sheets) {
    const path = paths.get(sheet.sheetName);
    if (!path || sheet.charts.length === 0) continue;
    let sheetXml = (await text(zip, path)) ?? "";
    if (sheetXml.includes("<drawing ")) {
      skipped.push(sheet.sheetName);
      continue;
    }
    const drawingNumber = nextFreeNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
    let drawingRels: string | null = null;
    const anchors: string[] = [];
    for (const [index, chart] of sheet.charts.entries()) {
      const chartNumber = nextFreeNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
      zip.file(`xl/charts/chart${chartNumber}.xml`, chartXml(sheet.sheetName, chart.spec, chart.labels, chart.values));
      contentTypes = contentTypes.replace("</Types>", `<Override PartName="/xl/charts/chart${chartNumber}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`);
      drawingRels = addRelationship(drawingRels, `rIdChart${index + 1}`, CHART_TYPE, `../charts/chart${chartNumber}.xml`);
      const drawing = drawingXml(chart.spec, `rIdChart${index + 1}`, index + 1);
      anchors.push(/<xdr:twoCellAnchor[\s\S]*<\/xdr:twoCellAnchor>/.exec(drawing)![0]);
    }
    const drawing = drawingXml(sheet.charts[0]!.spec, "rIdChart1", 1).replace(/<xdr:twoCellAnchor[\s\S]*<\/xdr:twoCellAnchor>/, anchors.join("\n"));
    zip.file(`xl/drawings/drawing${drawingNumber}.xml`, drawing);
    zip.file(`xl/drawings/_rels/drawing${drawingNumber}.xml.rels`, drawingRels!);
    contentTypes = contentTypes.replace("</Types>", `<Override PartName="/xl/drawings/drawing${drawingNumber}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`);
    const relsPath = path.replace(/worksheets\/([^/]+)$/, "worksheets/_rels/$1.rels");
    const relId = "rIdRule12b1Drawing";
    zip.file(relsPath, addRelationship(await text(zip, relsPath), relId, DRAWING_TYPE, `../drawings/drawing${drawingNumber}.xml`));
    if (!/xmlns:r=/.test(sheetXml.slice(0, 600))) sheetXml = sheetXml.replace("<worksheet ", `<worksheet xmlns:r="${REL_NS}" `);
    const at = AFTER_DRAWING.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0).sort((a, b) => a - b)[0]!;
    sheetXml = `${sheetXml.slice(0, at)}<drawing r:id="${relId}"/>${sheetXml.slice(at)}`;
    zip.file(path, sheetXml);
  }
  zip.file("[Content_Types].xml", contentTypes);
  const out = await zip.generateAsync({ type: "uint8array", ...ZIP_OPTIONS });
  return { xlsx: out, skipped };
}

