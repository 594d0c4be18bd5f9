/**
 * The streaming reader (src/cli/xlsx/ooxml/xmlStream.ts) hands its readers what saxes's
 * namespace mode resolves — element URIs, attribute names as written and `attributesOf`'s
 * URIs: held here to saxes's own events on documents chosen to break a resolver, and on
 * random ones — the same elements in the same namespaces with the same attributes, or a
 * refusal by both.
 */
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { UnreadablePackage } from "../../src/cli/xlsx/ooxml/packageError";
import { attributesOf, streamXml } from "../../src/cli/xlsx/ooxml/xmlStream";

type Event = string;

/** What saxes's namespace mode reports, or "refused". */
function bySaxes(xml: string): Event[] | "refused" {
  const events: Event[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let failed = false;
  parser.on("error", () => {
    failed = true;
  });
  parser.on("opentag", (tag) => {
    const attributes = Object.values(tag.attributes)
      .map((a) => `{${a.uri}}${a.local}=${a.value}`)
      .sort();
    events.push(`open {${tag.uri}}${tag.local} ${attributes.join(" ")}`);
  });
  parser.on("closetag", (tag) => events.push(`close {${tag.uri}}${tag.local}`));
  parser.on("text", (text) => events.push(`text ${text}`));
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? "refused" : events;
}

/** What the streaming reader reports, or "refused". */
function byStream(xml: string): Event[] | "refused" {
  const events: Event[] = [];
  try {
    streamXml(xml, "test.xml", {
      open: (uri, local, written) => {
        const attributes = attributesOf(written)
          .map((a) => `{${a.uri}}${a.local}=${a.value}`)
          .sort();
        events.push(`open {${uri}}${local} ${attributes.join(" ")}`);
      },
      close: (uri, local) => events.push(`close {${uri}}${local}`),
      text: (text) => events.push(`text ${text}`),
    });
  } catch {
    return "refused";
  }
  return events;
}

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
  "SpreadsheetML as Excel writes it":
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData><row r="1" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
};

describe("the streaming reader reports namespaces as saxes's namespace mode resolves them", () => {
  it.each(Object.entries(CASES))("%s", (_, xml) => {
    expect(byStream(xml)).toEqual(bySaxes(xml));
  });

  it("refuses what saxes refuses, with saxes's words", () => {
    expect(() => streamXml('<a q:x="1"/>', "xl/x.xml", {})).toThrow(
      /The part xl\/x\.xml of the workbook is damaged: its XML is not well-formed \(line 1, column \d+: unbound namespace prefix: "q"\)/
    );
  });

  it("agrees on random documents with declarations, prefixes and scopes (property)", () => {
    const prefix = fc.constantFrom("", "p", "q", "xml", "xmlns");
    const uri = fc.constantFrom("urn:1", "urn:2", "", "http://www.w3.org/XML/1998/namespace");
    const name = fc.tuple(prefix, fc.constantFrom("a", "b")).map(([p, l]) => (p ? `${p}:${l}` : l));
    type Element = { name: string; attributes: string[]; children: Element[] };
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
        children: depth > 1 ? fc.array(element(depth - 1), { maxLength: 3 }) : fc.constant([]),
      })
    );
    const write = (e: Element): string =>
      `<${[e.name, ...e.attributes].join(" ")}>${e.children.map(write).join("")}</${e.name}>`;
    fc.assert(
      fc.property(element(4), (root) => {
        const xml = write(root);
        expect(byStream(xml)).toEqual(bySaxes(xml));
      }),
      { numRuns: 500 }
    );
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
    expect(() => streamXml(hostile(), "xl/worksheets/sheet1.xml", { text: () => {} })).toThrow(
      new UnreadablePackage(
        "The part xl/worksheets/sheet1.xml of the workbook holds a text longer than rule12b1 can read (about 512 million characters in one value), as damaged or hostile files do. Open the workbook in Excel and save it again, or use a backup."
      )
    );
  });
});
