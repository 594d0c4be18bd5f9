/**
 * A note (Excel's classic cell comment) on one cell of a worksheet part:
 * the comments part holds the text, a VML drawing holds the hidden box Excel
 * shows on hover. Other notes on the sheet are kept; a note already on the
 * cell is replaced, so writing twice leaves one.
 */
import { address } from "../../../workbook/sheetLayout";
import { CONTENT_TYPES, REL_TYPES, type XlsxPackage } from "./xlsxPackage";
import { attribute, ensureDeclared, escapeText, unescapeXml } from "./xml";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
// CT_Worksheet children that follow <legacyDrawing>.
const AFTER_LEGACY_DRAWING = [
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

const VML_NAMESPACES = [
  ["v", "urn:schemas-microsoft-com:vml"],
  ["o", "urn:schemas-microsoft-com:office:office"],
  ["x", "urn:schemas-microsoft-com:office:excel"],
] as const;

function vmlShape(id: number, row: number, column: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:160pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${column + 1}, 15, ${Math.max(0, row - 2)}, 2, ${column + 5}, 15, ${row + 10}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${column - 1}</x:Column></x:ClientData></v:shape>`
  );
}

const VML =
  `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
  `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype></xml>`;

/**
 * Puts a note with `text` by `author` on cell (`row`, `column`) of the sheet part `sheetPart`.
 *
 * `setNote(pkg, "xl/worksheets/sheet2.xml", 1, 4, "Written by rule12b1 …", "rule12b1")`
 */
export function setNote(
  pkg: XlsxPackage,
  sheetPart: string,
  row: number,
  column: number,
  text: string,
  author: string
): void {
  const rels = pkg.relationships(sheetPart);
  let commentsPart = rels.find((r) => r.type === REL_TYPES.comments)?.target;
  // The notes' drawing is the one <legacyDrawing> names: header/footer pictures use a VML part of the same type.
  const legacyId = attribute(
    /<legacyDrawing(?=[\s/>])[^>]*>/.exec(pkg.text(sheetPart)!)?.[0] ?? "",
    "r:id"
  );
  let vmlPart =
    legacyId === null
      ? undefined
      : rels.find((r) => r.id === legacyId && r.type === REL_TYPES.vmlDrawing)?.target;
  if (!commentsPart) {
    commentsPart = pkg.freePart("xl/comments", ".xml");
    pkg.setText(
      commentsPart,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors></authors><commentList></commentList></comments>`
    );
    pkg.addRelationship(sheetPart, REL_TYPES.comments, commentsPart);
    pkg.setContentType(commentsPart, CONTENT_TYPES.comments);
  }
  if (!vmlPart) {
    vmlPart = pkg.freePart("xl/drawings/vmlDrawing", ".vml");
    pkg.setText(vmlPart, VML);
    pkg.ensureDefaultContentType("vml", CONTENT_TYPES.vml);
    pkg.addWorksheetReference(
      sheetPart,
      REL_TYPES.vmlDrawing,
      vmlPart,
      "legacyDrawing",
      AFTER_LEGACY_DRAWING
    );
  }

  const ref = address(row, column);
  let comments = pkg.text(commentsPart)!;
  const authors = [...comments.matchAll(/<author>([\s\S]*?)<\/author>|<author\/>/g)].map((m) =>
    unescapeXml(m[1] ?? "")
  );
  let authorId = authors.indexOf(author);
  if (authorId < 0) {
    authorId = authors.length;
    comments = /<authors\s*\/>/.test(comments)
      ? comments.replace(
          /<authors\s*\/>/,
          `<authors><author>${escapeText(author)}</author></authors>`
        )
      : comments.replace("</authors>", `<author>${escapeText(author)}</author></authors>`);
  }
  comments = comments.replace(
    new RegExp(`<comment\\b[^>]*\\bref="${ref}"[\\s\\S]*?</comment>`),
    ""
  );
  const comment = `<comment ref="${ref}" authorId="${authorId}"><text><r><rPr><sz val="9"/><rFont val="Tahoma"/><family val="2"/></rPr><t xml:space="preserve">${escapeText(text)}</t></r></text></comment>`;
  comments = /<commentList\s*\/>/.test(comments)
    ? comments.replace(/<commentList\s*\/>/, `<commentList>${comment}</commentList>`)
    : comments.replace("</commentList>", `${comment}</commentList>`);
  pkg.setText(commentsPart, comments);

  // The shapes below use v:, o: and x:; another writer's VML (openpyxl's) may not declare them all.
  let vml = pkg.text(vmlPart)!;
  for (const [prefix, uri] of VML_NAMESPACES) vml = ensureDeclared(vml, prefix, uri);
  const anchored = new RegExp(
    `<x:Row>${row - 1}</x:Row>\\s*<x:Column>${column - 1}</x:Column>`
  ).test(vml);
  if (!anchored) {
    const ids = [...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
    pkg.setText(
      vmlPart,
      vml.replace(/<\/xml>\s*$/, `${vmlShape(Math.max(1024, ...ids) + 1, row, column)}</xml>`)
    );
  }
}
