/**
 * The package corpus (issue 13): the clean trust of `makeFixtures.ts` as
 * other programs write it, damaged, or made hostile — one case per class,
 * each made from the clean workbook's package by a small, readable edit, so
 * no binary needs review and nothing large is committed (the zip bomb is
 * generated: about 1 MB that claims 1 GB). test/hardening/packageCorpus.test.ts
 * runs each through the runner with its exact expected outcome;
 * `npx tsx scripts/packageFixtures.ts DIR` writes them for a person to open.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import yazl from "yazl";
import { relsPartOf, XlsxPackage } from "../src/cli/xlsx/ooxml/xlsxPackage";
import { NS } from "../src/cli/xlsx/ooxml/xmlParse";
import { CORPUS, type FixtureCase, makeFixtures } from "./makeFixtures";

const FIXED = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const NAV_SHEET = "xl/worksheets/sheet2.xml";
// The NetAssets table part: the Plan sheet holds nine tables before it (Accounts and PostedJournals, SPEC §7, made it 10).
const NAV_TABLE = "xl/tables/table10.xml";
const SHARED = "xl/sharedStrings.xml";

export interface PackageCase {
  name: string;
  what: string;
  /** The case's bytes, made from the clean workbook's. */
  make: (clean: Buffer) => Promise<Buffer>;
}

/**
 * Edits the raw text of parts (as stored, not canonicalised) and writes the package again.
 *
 * `await editParts(clean, (xml) => xml.replace("<sheetData>", "<sheetData><row r=\"1\"/>"), only(NAV_SHEET))`
 */
export async function editParts(
  clean: Buffer,
  edit: (text: string, part: string) => string,
  parts: (part: string) => boolean
): Promise<Buffer> {
  const pkg = await XlsxPackage.read(clean);
  for (const part of pkg.parts().filter(parts)) {
    const before = pkg.bytes(part)!.toString("utf8");
    const after = edit(before, part);
    if (after !== before) pkg.setText(part, after);
  }
  return pkg.toBytes(FIXED);
}

const only = (name: string) => (part: string) => part === name;
const spreadsheetML = (part: string) =>
  /^xl\/(workbook|styles|sharedStrings|worksheets\/|tables\/)/.test(part) && part.endsWith(".xml");

/** The zip's central-directory entry for `name`: its offset in `bytes`. */
export function centralEntry(bytes: Buffer, name: string): number {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  for (let at = bytes.readUInt32LE(end + 16); bytes.readUInt32LE(at) === 0x02014b50;) {
    const nameLength = bytes.readUInt16LE(at + 28);
    if (bytes.toString("utf8", at + 46, at + 46 + nameLength) === name) return at;
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  throw new Error(`no entry ${name}`);
}

/** A 1 GiB part of zeros, deflated as it streams (about 1 MB), added to the clean package. */
async function zipBomb(clean: Buffer): Promise<Buffer> {
  const pkg = await XlsxPackage.read(clean);
  const zip = new yazl.ZipFile();
  for (const part of pkg.parts()) zip.addBuffer(pkg.bytes(part)!, part, { mtime: FIXED });
  const chunk = Buffer.alloc(1 << 24);
  zip.addReadStream(
    Readable.from(
      (function* () {
        for (let i = 0; i < 64; i += 1) yield chunk;
      })()
    ),
    "xl/media/image1.png",
    { mtime: FIXED, compressionLevel: 9 }
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const piece of zip.outputStream as AsyncIterable<Buffer>) chunks.push(piece);
  return Buffer.concat(chunks);
}

const LYING_SIZE = 1000;

/**
 * A bomb that lies: a 64 MiB part of zeros (about 64 KB deflated) whose stated size, in the
 * zip directory and in its local header alike, is 1,000 bytes. No size limit refuses it from the
 * directory; only a reader that stops inflating at the stated size does.
 */
async function lyingZipBomb(clean: Buffer): Promise<Buffer> {
  const pkg = await XlsxPackage.read(clean);
  const zip = new yazl.ZipFile();
  for (const part of pkg.parts()) zip.addBuffer(pkg.bytes(part)!, part, { mtime: FIXED });
  // A buffer, not a stream: yazl then writes the sizes in the local header (no data descriptor).
  zip.addBuffer(Buffer.alloc(64 << 20), "xl/media/image1.png", {
    mtime: FIXED,
    compressionLevel: 9,
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const piece of zip.outputStream as AsyncIterable<Buffer>) chunks.push(piece);
  const bytes = Buffer.concat(chunks);
  const at = centralEntry(bytes, "xl/media/image1.png");
  const local = bytes.readUInt32LE(at + 42);
  if (bytes.readUInt16LE(local + 6) & 0x0008) throw new Error("sizes in a data descriptor");
  bytes.writeUInt32LE(LYING_SIZE, at + 24);
  bytes.writeUInt32LE(LYING_SIZE, local + 22);
  return bytes;
}

/** The clean package with its entries as found plus `extra` entries, written by yazl (which lets a name repeat). */
async function withExtraEntries(
  clean: Buffer,
  extra: readonly { name: string; data: Buffer }[]
): Promise<Buffer> {
  const pkg = await XlsxPackage.read(clean);
  const zip = new yazl.ZipFile();
  for (const part of pkg.parts()) zip.addBuffer(pkg.bytes(part)!, part, { mtime: FIXED });
  for (const entry of extra) zip.addBuffer(entry.data, entry.name, { mtime: FIXED });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const piece of zip.outputStream as AsyncIterable<Buffer>) chunks.push(piece);
  return Buffer.concat(chunks);
}

/**
 * Moves part `from` to `to` (its relationships part with it), pointing every
 * relationship and content type at the new name.
 */
async function renamePart(clean: Buffer, from: string, to: string): Promise<Buffer> {
  const pkg = await XlsxPackage.read(clean);
  const relsOf = (part: string) => relsPartOf(part);
  const move = (a: string, b: string) => {
    const bytes = pkg.bytes(a);
    if (bytes === null) return;
    pkg.remove(a);
    pkg.setCanonicalBytes(b, [bytes]);
  };
  move(from, to);
  move(relsOf(from), relsOf(to));
  const base = (part: string) => part.slice(part.lastIndexOf("/") + 1);
  for (const part of pkg
    .parts()
    .filter((p) => p.endsWith(".rels") || p === "[Content_Types].xml")) {
    const xml = pkg.bytes(part)!.toString("utf8");
    const edited = xml
      .replace(`PartName="/${from}"`, `PartName="/${to}"`)
      .replace(
        new RegExp(`Target="([^"]*/)?${base(from).replace(/\./g, "\\.")}"`),
        (_, dir: string | undefined) =>
          `Target="${part === "_rels/.rels" ? "" : (dir ?? "")}${part === "_rels/.rels" ? to : base(to)}"`
      );
    if (edited !== xml) pkg.setText(part, edited);
  }
  return pkg.toBytes(FIXED);
}

/** The NAV sheet's date cells (A2 onwards) with their serials replaced by `serialFor(row, serial)`. */
function navDates(clean: Buffer, serialFor: (row: number, serial: number) => number) {
  return editParts(
    clean,
    (xml) =>
      xml.replace(
        /<c r="A(\d+)"([^>]*)><v>(\d+)<\/v><\/c>/g,
        (cell, row: string, rest: string, serial: string) =>
          row === "1"
            ? cell
            : `<c r="A${row}"${rest}><v>${serialFor(Number(row), Number(serial))}</v></c>`
      ),
    only(NAV_SHEET)
  );
}

/** `20260630` for the serial of 2026-06-30: a date typed as the number yyyymmdd. */
const yyyymmdd = (serial: number) =>
  Number(new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", ""));

const inlineText = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * The clean trust as a macro workbook (.xlsm): a VBA project part with its
 * relationship and content types, as Excel writes them. The project's PROJECT
 * stream text names its modules (Module1, ThisWorkbook); the rest stands in
 * for the compound file around it, which rule12b1 never reads.
 */
export async function macroWorkbook(clean: Buffer): Promise<Buffer> {
  const pkg = await XlsxPackage.read(clean);
  const project = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from(
      'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisWorkbook/&H00000000\r\nModule=Module1\r\nName="VBAProject"\r\n',
      "latin1"
    ),
  ]);
  pkg.setCanonicalBytes("xl/vbaProject.bin", [project]);
  pkg.addRelationship(
    "xl/workbook.xml",
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
    "xl/vbaProject.bin"
  );
  pkg.ensureDefaultContentType("bin", "application/vnd.ms-office.vbaProject");
  pkg.setContentType("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  return pkg.toBytes(FIXED);
}

/** The clean trust saved as an Excel template (.xltx): only the workbook's content type differs. */
export async function templateWorkbook(clean: Buffer): Promise<Buffer> {
  const pkg = await XlsxPackage.read(clean);
  pkg.setContentType(
    "xl/workbook.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"
  );
  return pkg.toBytes(FIXED);
}

/** Round 3 of the new-user workbooks (issue 22): each with its expected outcome in packageCorpus.test.ts. */
export const ROUND_THREE: PackageCase[] = [
  {
    name: "template-workbook",
    what: "the trust saved as an Excel template (.xltx content type), written as .xlsx",
    make: templateWorkbook,
  },
  {
    name: "duplicate-zip-entry",
    what: "the NAV sheet's part twice in the zip, the second copy with other net assets",
    make: async (clean) => {
      const pkg = await XlsxPackage.read(clean);
      const other = pkg
        .bytes(NAV_SHEET)!
        .toString("utf8")
        .replaceAll("<v>73000000</v>", "<v>74000000</v>");
      return withExtraEntries(clean, [{ name: NAV_SHEET, data: Buffer.from(other) }]);
    },
  },
  {
    name: "duplicate-zip-entry-case",
    what: "the NAV sheet's part and a second entry of the same name in capitals (XL/WORKSHEETS/SHEET2.XML)",
    make: async (clean) => {
      const pkg = await XlsxPackage.read(clean);
      return withExtraEntries(clean, [
        { name: NAV_SHEET.toUpperCase(), data: pkg.bytes(NAV_SHEET)! },
      ]);
    },
  },
  {
    name: "sheet-part-capitalised",
    what: "the NAV sheet stored as xl/worksheets/Sheet2.xml (a report sheet must not become sheet2.xml beside it)",
    make: (clean) => renamePart(clean, NAV_SHEET, "xl/worksheets/Sheet2.xml"),
  },
  {
    name: "xlsb-renamed",
    what: "an Excel Binary Workbook (xl/workbook.bin) renamed .xlsx",
    make: async (clean) => {
      const moved = await renamePart(clean, "xl/workbook.xml", "xl/workbook.bin");
      const pkg = await XlsxPackage.read(moved);
      // Binary records, as an .xlsb holds: BrtBeginBook (0x83 0x01) and an empty record.
      pkg.setCanonicalBytes("xl/workbook.bin", [Buffer.from([0x83, 0x01, 0x00, 0x84, 0x01, 0x00])]);
      pkg.setContentType(
        "xl/workbook.bin",
        "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
      );
      return pkg.toBytes(FIXED);
    },
  },
  {
    name: "table-name-case-twin",
    what: 'a second table "netassets" (one NAV row) on the Plan sheet, before NetAssets',
    make: async (clean) => {
      const pkg = await XlsxPackage.read(clean);
      const plan = "xl/worksheets/sheet1.xml";
      const twin = "xl/tables/table9.xml";
      pkg.setText(
        twin,
        pkg
          .text(NAV_TABLE)!
          .replace(/ id="8"/, ' id="9"')
          .replace(
            /name="NetAssets" displayName="NetAssets"/,
            'name="netassets" displayName="netassets"'
          )
          .replaceAll('ref="A1:C68"', 'ref="CA1:CC2"')
      );
      pkg.setContentType(
        twin,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
      );
      pkg.addWorksheetReference(
        plan,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
        twin,
        "tablePart",
        []
      );
      // The reference went after the sheet's last child; a tablePart belongs inside tableParts.
      const cells = [
        ["CA1", "Date"],
        ["CB1", "Portfolio"],
        ["CC1", "Class B net assets"],
      ];
      let xml = pkg.text(plan)!;
      const added = /<tablePart r:id="(rId\d+)"\/><\/worksheet>$/.exec(xml)!;
      xml = xml
        .replace(added[0], "</worksheet>")
        .replace(
          /<tableParts count="(\d+)">/,
          (_, n: string) => `<tableParts count="${Number(n) + 1}"><tablePart r:id="${added[1]}"/>`
        );
      xml = xml.replace(
        /(<row r="1"[^>]*>[\s\S]*?)<\/row>/,
        (_, row: string) => `${row}${cells.map(([r, t]) => inlineText(r!, t!)).join("")}</row>`
      );
      xml = xml.replace(
        /(<row r="2"[^>]*>[\s\S]*?)<\/row>/,
        (_, row: string) =>
          `${row}<c r="CA2"><v>46203</v></c>${inlineText("CB2", "Growth")}<c r="CC2"><v>73000000</v></c></row>`
      );
      pkg.setText(plan, xml);
      return pkg.toBytes(FIXED);
    },
  },
  {
    name: "nav-totals-row",
    what: 'the NetAssets table with its Total Row on (row 69: "Total" and a SUBTOTAL of the net assets)',
    make: async (clean) => {
      const pkg = await XlsxPackage.read(clean);
      pkg.setText(
        NAV_TABLE,
        pkg
          .bytes(NAV_TABLE)!
          .toString("utf8")
          .replace(/(<table\b[^>]*?) ref="A1:C68"/, '$1 ref="A1:C69" totalsRowCount="1"')
          .replace(
            /totalsRowFunction="none"\/><\/tableColumns>/,
            'totalsRowFunction="sum"/></tableColumns>'
          )
      );
      // 67 rows of 73,000,000: 4,891,000,000, the value Excel caches for the SUBTOTAL.
      const total = `<row r="69">${inlineText("A69", "Total")}<c r="C69"><f>SUBTOTAL(109,NetAssets[Class B net assets])</f><v>${67 * 73_000_000}</v></c></row>`;
      pkg.setText(
        NAV_SHEET,
        pkg
          .bytes(NAV_SHEET)!
          .toString("utf8")
          .replace('<dimension ref="A1:C68"/>', '<dimension ref="A1:C69"/>')
          .replace("</sheetData>", `${total}</sheetData>`)
      );
      return pkg.toBytes(FIXED);
    },
  },
  {
    name: "nav-dates-yyyymmdd",
    what: "every NAV date typed as a yyyymmdd number (20260630 …)",
    make: (clean) => navDates(clean, (_, serial) => yyyymmdd(serial)),
  },
  {
    name: "nav-date-past-9999",
    what: "the NAV date in sheet row 30 stored as 3,000,000, past 9999-12-31",
    make: (clean) => navDates(clean, (row, serial) => (row === 30 ? 3_000_000 : serial)),
  },
];

export const PACKAGE_CORPUS: PackageCase[] = [
  {
    name: "empty-shared-string-with-space",
    what: "an empty shared string written <si /> (with the space) before all the others",
    make: (clean) =>
      editParts(
        clean,
        (xml, part) =>
          part === SHARED
            ? xml.replace(/(<sst\b[^>]*>)/, "$1<si />")
            : xml.replace(
                /(<c\b[^>]*\bt="s"[^>]*>)<v>(\d+)<\/v>/g,
                (_, open: string, n: string) => `${open}<v>${Number(n) + 1}</v>`
              ),
        (part) => part === SHARED || part.startsWith("xl/worksheets/")
      ),
  },
  {
    name: "single-quoted-attributes",
    what: "every attribute in single quotes (r='A2')",
    make: (clean) =>
      editParts(clean, (xml) => xml.replace(/(\s[\w:.-]+)="([^"']*)"/g, "$1='$2'"), spreadsheetML),
  },
  {
    name: "prefixed-namespace",
    what: "SpreadsheetML written with an x: prefix, as the Open XML SDK does",
    make: (clean) =>
      editParts(
        clean,
        (xml) =>
          xml
            .replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, "<$1x:$2")
            .replace(`xmlns="${NS.main}"`, `xmlns:x="${NS.main}"`),
        spreadsheetML
      ),
  },
  {
    name: "inline-strings",
    what: "the NAV sheet's text as inline strings instead of shared ones",
    make: async (clean) => {
      const pkg = await XlsxPackage.read(clean);
      const strings = [...pkg.text(SHARED)!.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]!);
      pkg.setText(
        NAV_SHEET,
        pkg
          .bytes(NAV_SHEET)!
          .toString("utf8")
          .replace(
            /<c\b([^>]*?)\st="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
            (_, a: string, b: string, n: string) =>
              `<c${a}${b} t="inlineStr"><is>${strings[Number(n)]}</is></c>`
          )
      );
      return pkg.toBytes(FIXED);
    },
  },
  {
    name: "iso-dates",
    what: 'every NAV date stored as ISO 8601 text (t="d"), as openpyxl writes with iso_dates',
    make: (clean) =>
      editParts(
        clean,
        (xml) =>
          xml.replace(
            /<c r="A(\d+)"([^>]*)><v>(\d+)<\/v><\/c>/g,
            (cell, row: string, rest: string, serial: string) =>
              row === "1"
                ? cell
                : `<c r="A${row}"${rest} t="d"><v>${new Date((Number(serial) - 25569) * 86_400_000).toISOString().slice(0, 19)}</v></c>`
          ),
        only(NAV_SHEET)
      ),
  },
  {
    name: "no-cell-references",
    what: "rows and cells without their optional r attributes",
    make: (clean) =>
      editParts(
        clean,
        (xml) => xml.replace(/<(c|row)\b([^>]*?)\sr="[A-Z]*\d+"/g, "<$1$2"),
        only(NAV_SHEET)
      ),
  },
  {
    name: "missing-row-end",
    what: "one </row> missing in the NAV sheet",
    make: (clean) => editParts(clean, (xml) => xml.replace("</row>", ""), only(NAV_SHEET)),
  },
  {
    name: "missing-cell-end",
    what: "one </c> missing in the NAV sheet",
    make: (clean) => editParts(clean, (xml) => xml.replace("</v></c>", "</v>"), only(NAV_SHEET)),
  },
  {
    name: "unclosed-shared-strings",
    what: "160,000 unclosed <si> in the shared-string table",
    make: (clean) =>
      editParts(
        clean,
        (xml) => xml.replace("</sst>", `${"<si>".repeat(160_000)}</sst>`),
        only(SHARED)
      ),
  },
  ...(
    [
      ["hex-number", "0x188E7D41"],
      ["binary-number", "0b101"],
      ["space-number", " "],
    ] as const
  ).map(([name, value]) => ({
    name,
    what: `the net assets of NetAssets row 1 stored as "${value}"`,
    make: (clean: Buffer) =>
      editParts(
        clean,
        (xml) => xml.replace(/(<c r="C2"[^>]*>)<v>[^<]*<\/v>/, `$1<v>${value}</v>`),
        only(NAV_SHEET)
      ),
  })),
  {
    name: "table-ref-short",
    what: "the NetAssets table's range ending three rows above its last NAV row",
    make: (clean) =>
      editParts(clean, (xml) => xml.replace(/ref="A1:C68"/g, 'ref="A1:C65"'), only(NAV_TABLE)),
  },
  {
    name: "table-ref-whole-sheet",
    what: "the NetAssets table's range claiming BA1:XFD1048576 in a small file",
    make: (clean) =>
      editParts(
        clean,
        (xml) => xml.replace(/ref="A1:C68"/g, 'ref="BA1:XFD1048576"'),
        only(NAV_TABLE)
      ),
  },
  {
    name: "table-ref-far-below",
    what: "the NetAssets table's range running to row 1,048,576 over 67 NAV rows",
    make: (clean) =>
      editParts(clean, (xml) => xml.replace(/ref="A1:C68"/g, 'ref="A1:C1048576"'), only(NAV_TABLE)),
  },
  {
    name: "table-ref-to-last-column",
    what: "the NetAssets table's range running to column XFD over its 3 columns",
    make: (clean) =>
      editParts(clean, (xml) => xml.replace(/ref="A1:C68"/g, 'ref="A1:XFD68"'), only(NAV_TABLE)),
  },
  {
    name: "table-ref-one-column-wide",
    what: "the NetAssets table's range one column wider than the 3 columns it lists",
    make: (clean) =>
      editParts(clean, (xml) => xml.replace(/ref="A1:C68"/g, 'ref="A1:D68"'), only(NAV_TABLE)),
  },
  {
    name: "table-ref-reversed",
    what: "the NetAssets table's range written backwards, BE3:BA1",
    make: (clean) =>
      editParts(clean, (xml) => xml.replace(/ref="A1:C68"/g, 'ref="BE3:BA1"'), only(NAV_TABLE)),
  },
  {
    name: "crc-damaged",
    what: "the NAV sheet's CRC-32 in the zip directory not matching its content",
    make: async (clean) => {
      const bytes = Buffer.from(clean);
      const at = centralEntry(bytes, NAV_SHEET);
      bytes.writeUInt32LE((bytes.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
      return bytes;
    },
  },
  {
    name: "crc-damaged-garbled",
    what: "the NAV sheet's content garbled (a close tag misspelt) and its CRC-32 not matching it",
    make: async (clean) => {
      const garbled = await editParts(
        clean,
        (xml) => xml.replace("</sheetData>", "</sheetDta>"),
        only(NAV_SHEET)
      );
      const at = centralEntry(garbled, NAV_SHEET);
      garbled.writeUInt32LE((garbled.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
      return garbled;
    },
  },
  {
    name: "nav-sheet-missing",
    what: "the NAV sheet's part gone from the zip, its relationships and table still there",
    make: async (clean) => {
      const pkg = await XlsxPackage.read(clean);
      pkg.remove(NAV_SHEET);
      return pkg.toBytes(FIXED);
    },
  },
  {
    name: "nav-sheet-utf16be",
    what: "the NAV sheet stored in big-endian UTF-16 (with its byte-order mark)",
    make: async (clean) => {
      const pkg = await XlsxPackage.read(clean);
      const little = Buffer.from(`\ufeff${pkg.bytes(NAV_SHEET)!.toString("utf8")}`, "utf16le");
      pkg.setCanonicalBytes(NAV_SHEET, [little.swap16()]);
      return pkg.toBytes(FIXED);
    },
  },
  {
    name: "compressed-size-too-large",
    what: "180 KB of garbage after the last part, which the zip directory counts in its compressed size",
    make: async (clean) => {
      const end = clean.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const directory = clean.readUInt32LE(end + 16);
      const garbage = Buffer.alloc(180_000, "GARBAGE ");
      const bytes = Buffer.concat([
        clean.subarray(0, directory),
        garbage,
        clean.subarray(directory),
      ]);
      const newEnd = end + garbage.length;
      bytes.writeUInt32LE(directory + garbage.length, newEnd + 16);
      // The entry whose data ends last is the one before the directory: widen its compressed size.
      let at = directory + garbage.length;
      let last = at;
      let lastOffset = -1;
      while (bytes.readUInt32LE(at) === 0x02014b50) {
        if (bytes.readUInt32LE(at + 42) > lastOffset)
          [last, lastOffset] = [at, bytes.readUInt32LE(at + 42)];
        at +=
          46 +
          bytes.readUInt16LE(at + 28) +
          bytes.readUInt16LE(at + 30) +
          bytes.readUInt16LE(at + 32);
      }
      bytes.writeUInt32LE(bytes.readUInt32LE(last + 20) + garbage.length, last + 20);
      return bytes;
    },
  },
  { name: "zip-bomb", what: "a 1 MB part that unpacks to 1 GB", make: zipBomb },
  {
    name: "zip-bomb-lying-size",
    what: "a 64 KB part that unpacks to 64 MiB, its zip directory and local header both saying 1,000 bytes",
    make: lyingZipBomb,
  },
  {
    name: "password-protected",
    what: "an encrypted workbook (a compound file holding EncryptedPackage)",
    make: async () =>
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(1016),
        Buffer.from("EncryptionInfo\0EncryptedPackage", "utf16le"),
      ]),
  },
  {
    name: "strict-open-xml",
    what: 'saved as "Strict Open XML Spreadsheet"',
    make: (clean) =>
      editParts(clean, (xml) => xml.split(NS.main).join(NS.strictMain), spreadsheetML),
  },
  {
    name: "dtd",
    what: "a DTD with entities in the workbook part",
    make: (clean) =>
      editParts(
        clean,
        (xml) =>
          xml.replace(
            "?>",
            '?><!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
          ),
        only("xl/workbook.xml")
      ),
  },
  {
    name: "undeclared-prefix",
    what: "an element with a prefix no namespace declares in the NAV sheet",
    make: (clean) =>
      editParts(
        clean,
        (xml) => xml.replace("<sheetData>", "<sheetData><q:note/>"),
        only(NAV_SHEET)
      ),
  },
  ...ROUND_THREE,
];

/** The name-spelling cases: the clean trust with its portfolio renamed, and its plain twin. */
export const NAME_CASES: FixtureCase[] = [
  ["name-twin", "Growth Fund", "Growth Fund"],
  ["name-nbsp", "Growth Fund", "Growth\u00a0Fund"],
  ["name-nfd-twin", "Crédit Fund", "Crédit Fund"],
  ["name-nfd", "Crédit Fund", "Cre\u0301dit Fund"],
].map(([name, inPortfolios, elsewhere]) => ({
  name: name!,
  what: `the portfolio named "${inPortfolios}" in Portfolios and "${elsewhere}" in every other table`,
  edit: (trust) => {
    for (const [table, rows] of Object.entries(trust))
      for (const row of rows)
        if (row.Portfolio === "Growth")
          row.Portfolio = table === "Portfolios" ? inPortfolios! : elsewhere!;
  },
}));

/** Writes every package case as DIR/<name>.xlsx (and the name cases); returns the files, the clean one as "clean". */
export async function makePackageFixtures(dir: string): Promise<Map<string, string>> {
  const files = await makeFixtures(dir, [CORPUS[0]!, ...NAME_CASES]);
  const clean = (await import("node:fs")).readFileSync(files.get("clean")!);
  for (const fixture of PACKAGE_CORPUS) {
    const file = path.join(dir, `${fixture.name}.xlsx`);
    writeFileSync(file, await fixture.make(clean));
    files.set(fixture.name, file);
  }
  return files;
}

if (process.argv[1] && /packageFixtures\.ts$/.test(process.argv[1])) {
  const dir = process.argv[2] ?? "test/fixtures/packages";
  void makePackageFixtures(dir).then((files) =>
    console.log(`Wrote ${files.size} workbooks to ${dir}.`)
  );
}
