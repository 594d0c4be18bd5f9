/**
 * The styles of the accrual columns (bold headers; each column's number
 * format), as ExcelJS renders them into a scratch workbook holding just
 * those twelve cells: its styles part and the style index of each header and
 * data cell. Kept as its text, so `accrue` neither loads ExcelJS nor renders
 * (about 3% of an accrue of the bench trust). `test/cli/xlsx/accrualStyleDonor.test.ts`
 * renders the scratch workbook again and compares: a change of ExcelJS or of
 * the columns' formats that alters it fails there.
 */
import { ACCRUAL_FORMATS, ACCRUAL_HEADERS } from "../../workbook/accrualColumns";
import { address } from "../../workbook/sheetLayout";
import { newExcelJsWorkbook } from "./excelJs";
import { renderScratch, stylesPart } from "./ooxml/graftSheet";

export const ACCRUAL_STYLE_DONOR = {
  /** The scratch workbook's styles part, in canonical form. */
  styles:
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" mc:Ignorable="x14ac x16r2"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.000%"/><numFmt numFmtId="165" formatCode="#,##0.00;[Red]-#,##0.00"/></numFmts><fonts count="2" x14ac:knownFonts="1"><font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font><font><b/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>',
  /** Style index of the header cells (row 1), in column order. */
  header: [1, 1, 1, 1, 1, 1],
  /** Style index of the data cells (row 2), in column order. */
  data: [2, 3, 4, 4, 4, 5],
} as const;

/**
 * What `ACCRUAL_STYLE_DONOR` holds, rendered by ExcelJS now: the header
 * cells bold, each data cell in its column's format (`ACCRUAL_FORMATS`).
 *
 * `await renderAccrualStyleDonor()` → `{ styles: '<?xml …<styleSheet …>', header: [1, …], data: [2, 3, …] }`
 */
export async function renderAccrualStyleDonor(): Promise<{
  styles: string;
  header: number[];
  data: number[];
}> {
  const scratch = await newExcelJsWorkbook();
  const sheet = scratch.addWorksheet("styles");
  ACCRUAL_HEADERS.forEach((header, i) => {
    const head = sheet.getCell(1, i + 1);
    head.value = header;
    head.font = { bold: true };
    const data = sheet.getCell(2, i + 1);
    data.value = 0;
    data.numFmt = ACCRUAL_FORMATS[i]!;
  });
  const donor = await renderScratch(scratch);
  const donorSheet = donor.text(donor.sheets()[0]!.part)!;
  const styleAt = (ref: string) =>
    Number(new RegExp(`<c r="${ref}"[^>]*\\ss="(\\d+)"`).exec(donorSheet)?.[1] ?? 0);
  return {
    styles: donor.text(stylesPart(donor))!,
    header: ACCRUAL_HEADERS.map((_, i) => styleAt(address(1, i + 1))),
    data: ACCRUAL_HEADERS.map((_, i) => styleAt(address(2, i + 1))),
  };
}
