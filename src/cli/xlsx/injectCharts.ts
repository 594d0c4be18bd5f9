/**
 * Adds real Excel charts to a package: for each sheet, a chart part, a
 * drawing part, their relationships and content types, and the sheet's
 * `<drawing>` element. ExcelJS cannot write charts, so the runner adds the
 * charts of each report sheet it writes to the package itself.
 */
import type { ChartSpec } from "../../workbook/sheetLayout";
import { chartXml, drawingXml } from "./chartXml";
import { CONTENT_TYPES, REL_TYPES, type XlsxPackage } from "./ooxml/xlsxPackage";

export interface SheetCharts {
  sheetName: string;
  charts: { spec: ChartSpec; labels: string[]; values: number[] }[];
}

// CT_Worksheet children that follow <drawing>.
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/**
 * Adds the charts to `pkg`. Sheets that already have a drawing are left
 * alone and named in the result.
 *
 * `injectCharts(pkg, [{ sheetName: "12b-1 Report 2026-Q3", charts }])` → `{ skipped: [] }`
 */
export function injectCharts(
  pkg: XlsxPackage,
  sheets: readonly SheetCharts[]
): { skipped: string[] } {
  // Excel sheet names are case-insensitive, as graftSheet matches them.
  const paths = new Map(pkg.sheets().map((s) => [s.name.toLowerCase(), s.part]));
  const skipped: string[] = [];
  for (const sheet of sheets) {
    const part = paths.get(sheet.sheetName.toLowerCase());
    if (!part || sheet.charts.length === 0) continue;
    if (/<drawing\s/.test(pkg.text(part) ?? "")) {
      skipped.push(sheet.sheetName);
      continue;
    }
    const drawingPart = pkg.freePart("xl/drawings/drawing", ".xml");
    pkg.setText(drawingPart, "");
    const anchors: string[] = [];
    for (const [index, chart] of sheet.charts.entries()) {
      const chartPart = pkg.freePart("xl/charts/chart", ".xml");
      pkg.setText(chartPart, chartXml(sheet.sheetName, chart.spec, chart.labels, chart.values));
      pkg.setContentType(chartPart, CONTENT_TYPES.chart);
      const id = pkg.addRelationship(drawingPart, REL_TYPES.chart, chartPart);
      const drawing = drawingXml(chart.spec, id, index + 1);
      anchors.push(/<xdr:twoCellAnchor[\s\S]*<\/xdr:twoCellAnchor>/.exec(drawing)![0]);
    }
    const drawing = drawingXml(sheet.charts[0]!.spec, "rId1", 1).replace(
      /<xdr:twoCellAnchor[\s\S]*<\/xdr:twoCellAnchor>/,
      anchors.join("\n")
    );
    pkg.setText(drawingPart, drawing);
    pkg.setContentType(drawingPart, CONTENT_TYPES.drawing);
    pkg.addWorksheetReference(part, REL_TYPES.drawing, drawingPart, "drawing", AFTER_DRAWING);
  }
  return { skipped };
}
