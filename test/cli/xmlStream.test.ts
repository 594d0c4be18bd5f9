/**
 * The streaming reader (src/cli/xlsx/ooxml/xmlStream.ts) hands its readers what saxes's
 * namespace mode resolves — element URIs, attribute names as written and `attributesOf`'s
 * URIs — and refuses what it refuses, in its words at its place: held here to saxes's own
 * events on documents chosen to break a resolver, on random ones cut into random chunks (the
 * fast reading gives way to namespace mode mid-part), and on every part of the workbook
 * corpus (test/hardening/namespaceCorpus.test.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnreadablePackage } from "../../src/cli/xlsx/ooxml/packageError";
import { streamXml, streamXmlAsync } from "../../src/cli/xlsx/ooxml/xmlStream";
import { bySaxes, byStream } from "./support/namespaceEvents";

const CASES: Record<string, string> = {
  "default namespace": '<a xmlns="urn:a"><b/></a>',
  "prefixed element and attribute": '<p:a xmlns:p="urn:p" p:x="1" y="2"><p:b/></p:a>',
  "a prefix redeclared below and restored after":
    '<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b><p:d/></p:a>',
  "the default undeclared below": '<a xmlns="urn:a"><b xmlns=""><c/></b><d/></a>',
  "a declaration on a self-closing element ends with it":
    '<a xmlns:p="urn:1"><b xmlns:p="urn:2"/><p:c/></a>',
  "two prefixes for one URI": '<a xmlns:p="urn:1" xmlns:q="urn:1"><p:b/><q:c/></a>',
  "xml:space needs no declaration": '<a xml:space="preserve"> x </a>',
  "xml bound to its own URI": '<a xmlns:xml="http://www.w3.org/XML/1998/namespace"/>',
  "an unbound element prefix": "<q:a/>",
  "an unbound attribute prefix": '<a q:x="1"/>',
  "a prefix used outside its scope": '<a><b xmlns:p="urn:1"/><p:c/></a>',
  "one expanded attribute name twice": '<a xmlns:p="urn:1" xmlns:q="urn:1" p:x="1" q:x="2"/>',
  "one local name in two namespaces": '<a xmlns:p="urn:1" xmlns:q="urn:2" p:x="1" q:x="2"/>',
  "xml bound elsewhere": '<a xmlns:xml="urn:x"/>',
  "xmlns declared": '<a xmlns:xmlns="http://www.w3.org/2000/xmlns/"/>',
  "a prefix for the xmlns URI": '<a xmlns:p="http://www.w3.org/2000/xmlns/"/>',
  "the default set to the xml URI": '<a xmlns="http://www.w3.org/XML/1998/namespace"/>',
  "a prefix for the xml URI": '<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>',
  "a prefix undeclared in XML 1.0": '<a xmlns:p="urn:1"><b xmlns:p=""/></a>',
  "an element named with an empty prefix": "<a><:b/></a>",
  "an element named with an empty local part": '<a xmlns:p="urn:1"><p:/></a>',
  "an element name with two colons": '<a xmlns:p="urn:1"><p:b:c/></a>',
  "an element with the xmlns prefix": "<xmlns:a/>",
  "an attribute named with two colons": '<a xmlns:p="urn:1" p:b:c="1"/>',
  "a processing instruction target with a colon": "<a><?p:q x?></a>",
  "a URI with spaces around it": '<a xmlns=" urn:a "><b/></a>',
  "an empty prefix declared": '<a xmlns:="urn:1"/>',
  // The root's bindings as a parser taking over below it must have them: a line feed and an
  // ampersand written as references, a character XML 1.1 allows only as a reference, 1.2 read as 1.1.
  "a root URI holding references, handed over below":
    '<a xmlns:p="urn:a&#10;b&amp;c" xmlns="urn:&#9;d"><b xmlns:q="urn:q"/><p:c/><e/></a>',
  "XML 1.1 with a restricted character in a root URI, handed over below":
    '<?xml version="1.1"?><a xmlns:p="urn:&#x1;"><c><b xmlns:q="urn:q"/></c></a>',
  "XML 1.2, read by 1.1's rules after a hand-over":
    '<?xml version="1.2"?><a><b xmlns:p="urn:p">x\u0085y\u2028z</b></a>',
  "XML 1.2, a character 1.1 refuses after a hand-over":
    '<?xml version="1.2"?><a><b xmlns:p="urn:p">x\u0086y</b></a>',
  "a processing instruction with a colon before a DTD": "<?p:q?><!DOCTYPE a><a/>",
  "a processing instruction with a colon, then a line, then the root": "<?p:q?>\n<a/>",
  "256 elements deep": `${"<a>".repeat(256)}${"</a>".repeat(256)}`,
  "257 elements deep": `${"<a>".repeat(257)}${"</a>".repeat(257)}`,
  "SpreadsheetML as Excel writes it":
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData><row r="1" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
};

/** `xml` cut at `cuts` (offsets, any order, repeats allowed). */
function cut(xml: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (xml.length + 1)))].sort((x, y) => x - y);
  return [0, ...at].map((from, i) => xml.slice(from, at[i] ?? xml.length)).filter(Boolean);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** A NAV sheet as Excel writes it, `rows` rows, with `end` before its closing tag. */
const excelSheet = (rows: number, end = "") =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:C${rows}"/><sheetData>` +
  Array.from(
    { length: rows },
    (_, i) =>
      `<row r="${i + 1}" spans="1:3" x14ac:dyDescent="0.25"><c r="A${i + 1}" s="2"><v>${45000 + i}</v></c><c r="C${i + 1}" s="4"><v>${i}.25</v></c></row>`
  ).join("") +
  `</sheetData>${end}</worksheet>`;
// What Excel writes after the rows of a sheet with conditional formatting: a declaration below the root.
const EXTENSION =
  '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></ext></extLst>';

describe("the streaming reader reports namespaces as saxes's namespace mode resolves them", () => {
  it.each(Object.entries(CASES))("%s", (_, xml) => {
    expect(byStream([xml]).meaning).toEqual(bySaxes(xml));
  });

  it("refuses what saxes refuses, with saxes's words", () => {
    expect(() => streamXml('<a q:x="1"/>', "xl/x.xml", {})).toThrow(
      /The part xl\/x\.xml of the workbook is damaged: its XML is not well-formed \(line 1, column \d+: unbound namespace prefix: "q"\)/
    );
  });

  it("agrees on random documents with declarations, prefixes and scopes, cut anywhere (property)", () => {
    const prefix = fc.constantFrom("", "p", "q", "xml", "xmlns");
    const uri = fc.constantFrom(
      "urn:&#10;1",
      "urn:&amp;2",
      "urn:1",
      "urn:2",
      "",
      " urn:1",
      "http://www.w3.org/XML/1998/namespace"
    );
    const name = fc.tuple(prefix, fc.constantFrom("a", "b")).map(([p, l]) => (p ? `${p}:${l}` : l));
    // What a part holds besides elements: text (one naming xmlns), processing instructions with
    // and without a colon, comments, CDATA, a character reference, an undefined entity.
    const other = fc.constantFrom(
      "x",
      " xmlns ",
      "<?p x?>",
      "<?p:q x?>",
      "<!-- c <? -->",
      "<![CDATA[<?xmlns]]>",
      "&#120;",
      "&q:r;",
      "x\u0085\r\ny",
      "\u0086"
    );
    type Element = { name: string; attributes: string[]; children: (Element | string)[] };
    const element: fc.Memo<Element> = fc.memo((depth) =>
      fc.record({
        name,
        attributes: fc.uniqueArray(
          fc.oneof(
            fc.tuple(prefix, uri).map(([p, u]) => (p ? `xmlns:${p}="${u}"` : `xmlns="${u}"`)),
            name.map((n) => `${n}="v"`)
          ),
          { maxLength: 3, selector: (a) => a.split("=")[0] }
        ),
        children:
          depth > 1
            ? fc.array(fc.oneof(element(depth - 1), other), { maxLength: 3 })
            : fc.array(other, { maxLength: 1 }),
      })
    );
    const write = (e: Element | string): string =>
      typeof e === "string"
        ? e
        : `<${[e.name, ...e.attributes].join(" ")}>${e.children.map(write).join("")}</${e.name}>`;
    const prologue = fc.constantFrom(
      "",
      '<?xml version="1.0"?>',
      '<?xml version="1.1"?>',
      '<?xml version="1.2"?>\n',
      "<?p x?>",
      "<?p:q?>",
      "<?p:q?><!DOCTYPE a>",
      "<!DOCTYPE a>",
      "<!-- xmlns -->\n"
    );
    fc.assert(
      fc.property(
        prologue,
        element(4),
        fc.array(fc.nat(), { maxLength: 6 }),
        (before, root, cuts) => {
          const xml = before + write(root);
          expect(byStream(cut(xml, cuts)).meaning).toEqual(bySaxes(xml));
        }
      ),
      { numRuns: 1500 }
    );
  });

  it("reads a part once, whether every namespace is declared on its root or one is declared below (handed to namespace mode where it is), wherever the chunks are cut (property)", () => {
    const plain = excelSheet(40);
    const extended = excelSheet(40, EXTENSION);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 8 }), (cuts) => {
        const once = byStream(cut(plain, cuts));
        expect(once).toEqual({ meaning: bySaxes(plain), reads: 1 });
        const handed = byStream(cut(extended, cuts));
        // Handed over at `<ext …>` where it stands, unless the chunks cut that tag in three.
        const tag = extended.indexOf("<ext ");
        const end = extended.indexOf(">", tag);
        const cutsInTag = new Set(
          cuts.map((c) => c % (extended.length + 1)).filter((c) => c > tag && c <= end)
        ).size;
        expect(handed).toEqual({ meaning: bySaxes(extended), reads: cutsInTag < 2 ? 1 : 2 });
        // The extension's elements in their namespace, after every row, each event once.
        expect(handed.meaning.slice(-8)).toEqual([
          `close {${MAIN}}sheetData`,
          `open {${MAIN}}extLst `,
          `open {${MAIN}}ext {http://www.w3.org/2000/xmlns/}x14=http://schemas.microsoft.com/office/spreadsheetml/2009/9/main {}uri={78C0D931-6437-407d-A8EE-F0AAD7539E65}`,
          "open {http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}conditionalFormattings ",
          "close {http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}conditionalFormattings",
          `close {${MAIN}}ext`,
          `close {${MAIN}}extLst`,
          `close {${MAIN}}worksheet`,
        ]);
      }),
      { numRuns: 200 }
    );
  });

  it("hands a part to namespace mode mid-part at a declaration below the root, reading it again only for a refusal — each in namespace mode's words at its place", () => {
    const late = (end: string) => cut(excelSheet(3000, end), [1 << 16, 1 << 17]);
    const declared = '<a xmlns:p="urn:p" q:x="1" xmlns:q="urn:q"><p:b q:y="2"/></a>';
    expect(byStream(late(declared))).toEqual({
      meaning: bySaxes(late(declared).join("")),
      reads: 1,
    });
    for (const end of [
      '<q:a q:b="1"/>',
      '<a q:b="1"/>',
      "<?p:q?>",
      "<a></b>",
      "<a:/>",
      `${declared}<q:c/>`,
      `${declared}<a></b>`,
      '<a xmlns:p=""/>',
      '<a xmlns:xml="urn:x"/>',
    ]) {
      const xml = late(end).join("");
      const meaning = bySaxes(xml);
      expect(meaning.at(-1), end).toMatch(/^refused: line 2, column \d+: /);
      expect(byStream(late(end)), end).toEqual({ meaning, reads: 2 });
    }
    const deep = late(`${declared}\n${"<a>".repeat(300)}`);
    expect(bySaxes(deep.join("")).at(-1)).toBe("refused: nested more than 256 deep (line 3)");
    expect(byStream(deep)).toEqual({ meaning: bySaxes(deep.join("")), reads: 2 });
  });

  it("hands over at a start tag cut by a chunk, and reads again a start tag longer than a chunk (property)", () => {
    const long = (n: number) =>
      `<a xmlns="urn:a"><b/><c ${Array.from({ length: n }, (_, i) => `x${i}="${i}"`).join(" ")} xmlns:p="urn:p"><p:d/></c></a>`;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 40 }), (n, size) => {
        const xml = long(n);
        const chunks = Array.from({ length: Math.ceil(xml.length / size) }, (_, i) =>
          xml.slice(i * size, (i + 1) * size)
        );
        const read = byStream(chunks);
        expect(read.meaning).toEqual(bySaxes(xml));
        // The tag `<c …>` within two chunks is handed over; longer, it is read again.
        const tag = xml.indexOf(">", xml.indexOf("<c ")) - xml.indexOf("<c ") + 1;
        if (tag <= size) expect(read.reads).toBe(1);
        else if (tag > 2 * size) expect(read.reads).toBe(2);
      }),
      { numRuns: 300 }
    );
  });

  it("finds a processing instruction (refused by namespace mode when its target has a colon) wherever two chunks cut it, and takes the XML declaration for none", () => {
    for (const xml of [
      '<?xml version="1.0"?><a><?p:q x?></a>',
      "<?p:q?><a/>",
      '<a xmlns="urn:a"/><?p:q?>',
      '<?xml version="1.0"?><a xmlns="urn:a"><b/></a>',
      "<?xml:x?><a/>",
    ])
      for (let i = 1; i < xml.length; i += 1) {
        const chunks = [xml.slice(0, i), xml.slice(i)];
        expect(byStream(chunks).meaning, `${xml} cut at ${i}`).toEqual(bySaxes(xml));
      }
    expect(byStream(['<?xml version="1.0"?><a xmlns="urn:a"><b/></a>']).reads).toBe(1);
    expect(byStream(["<", '?xml version="1.0"?><a xmlns="urn:a"><b/></a>']).reads).toBe(1);
  });

  it("reads a part being inflated (async chunks) the same way, asking again for the chunks only for a refusal", async () => {
    const seen = async (xml: string) => {
      const events: string[] = [];
      let reads = 0;
      await streamXmlAsync(
        async function* () {
          reads += 1;
          for (const chunk of cut(xml, [100, 5000, 5001])) yield chunk;
        },
        "xl/worksheets/sheet2.xml",
        {
          open: (uri, local, attributes) => events.push(`${uri} ${local} ${attributes.r ?? ""}`),
          close: (uri, local) => events.push(`/${uri} ${local}`),
        }
      );
      return { events, reads };
    };
    const plain = await seen(excelSheet(200));
    const extended = await seen(excelSheet(200, EXTENSION));
    const damaged = await seen(excelSheet(200, `${EXTENSION}<a></b>`)).catch((e: Error) => e);
    expect(plain.reads).toBe(1);
    expect(extended.reads).toBe(1);
    expect(damaged).toEqual(
      new UnreadablePackage(
        `The part xl/worksheets/sheet2.xml of the workbook is damaged: its XML is not well-formed (${bySaxes(
          excelSheet(200, `${EXTENSION}<a></b>`)
        )
          .at(-1)!
          .slice(
            "refused: ".length
          )}). Open the workbook in Excel and save it again, or use a backup.`
      )
    );
    // worksheet, dimension and sheetData opened and closed; a row, its two cells and their values.
    expect(plain.events).toHaveLength(3 * 2 + 200 * (1 + 2 * 2) * 2);
    expect(extended.events.slice(0, plain.events.length - 1)).toEqual(plain.events.slice(0, -1));
    expect(plain.events.slice(4, 6)).toEqual([`${MAIN} row 1`, `${MAIN} c A1`]);
  });
});

describe("what the streaming reader calls damage in the file, and what it does not", () => {
  it("a bug in a reader's handler is passed on as the bug it is (exit 3), not called damage in the file", () => {
    const reading = () =>
      streamXml("<a><b/></a>", "xl/x.xml", {
        open: (_, local) => {
          if (local === "b") throw new TypeError("a reader's bug");
        },
      });
    expect(reading).toThrow(TypeError);
    expect(reading).not.toThrow(UnreadablePackage);
  });

  it("a text longer than V8 can hold (512 M characters in one value) is refused with a sentence naming the part", () => {
    const megabyte = "x".repeat(1 << 20);
    function* hostile() {
      yield "<a>";
      for (let i = 0; i < 520; i += 1) yield megabyte;
      yield "</a>";
    }
    expect(() => streamXml(hostile, "xl/worksheets/sheet1.xml", { text: () => {} })).toThrow(
      new UnreadablePackage(
        "The part xl/worksheets/sheet1.xml of the workbook holds a text longer than rule12b1 can read (about 512 million characters in one value), as damaged or hostile files do. Open the workbook in Excel and save it again, or use a backup."
      )
    );
  });
});
