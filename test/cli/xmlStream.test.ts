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
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { entryData, readZip } from "../../src/cli/xlsx/ooxml/zip";
import {
  namespacesOnlyOnRoot,
  streamXml,
  streamXmlAsync,
} from "../../src/cli/xlsx/ooxml/xmlStream";
import { makePackageFixtures } from "../../scripts/packageFixtures";

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
  // The streaming reader hands CDATA sections on as text.
  parser.on("cdata", (text) => events.push(`text ${text}`));
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? "refused" : events;
}

/** What the streaming reader reports, or "refused"; `rootOnly` forces the parser (else chosen by the text). */
function byStream(xml: string, rootOnly?: boolean): Event[] | "refused" {
  const events: Event[] = [];
  try {
    streamXml(
      xml,
      "test.xml",
      {
        open: (uri, local, written) => {
          const attributes = written
            .list()
            .map((a) => `{${a.uri}}${a.local}=${a.value}`)
            .sort();
          events.push(`open {${uri}}${local} ${attributes.join(" ")}`);
        },
        close: (uri, local) => events.push(`close {${uri}}${local}`),
        text: (text) => events.push(`text ${text}`),
      },
      rootOnly
    );
  } catch (error) {
    if (!(error instanceof UnreadablePackage)) throw error;
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

describe("the root map's parser (issue 24): a part declaring namespaces only on its root, namespace mode off", () => {
  it("takes a part only when it names xmlns nowhere past its root's start tag", () => {
    expect(
      namespacesOnlyOnRoot('<?xml version="1.0"?>\n<a xmlns="urn:a" xmlns:p="urn:p"><p:b/></a>')
    ).toBe(true);
    expect(namespacesOnlyOnRoot("<a><b/></a>")).toBe(true);
    expect(namespacesOnlyOnRoot('<a><b xmlns="urn:b"/></a>')).toBe(false);
    // Text naming xmlns below the root is only a doubt, and a doubt takes the namespace mode.
    expect(namespacesOnlyOnRoot("<a><t>xmlns</t></a>")).toBe(false);
    // A `<` in a comment before the root ends the root's start tag early: the namespace mode again.
    expect(namespacesOnlyOnRoot('<!-- <x> --><a xmlns="urn:a"/>')).toBe(false);
    expect(namespacesOnlyOnRoot('<a v="1>2" xmlns="urn:a"/>')).toBe(false);
    expect(namespacesOnlyOnRoot("<a")).toBe(false);
  });

  it("agrees with saxes's namespace mode on random documents declaring on the root only, good and bad (property)", () => {
    const prefix = fc.constantFrom("", "p", "q", "xml", "xmlns");
    const uri = fc.constantFrom(
      "urn:1",
      "urn:2",
      "",
      " urn:1 ",
      "http://www.w3.org/XML/1998/namespace",
      "http://www.w3.org/2000/xmlns/"
    );
    const name = fc
      .tuple(
        fc.constantFrom("", "p", "q", "xml", "xmlns", "r"),
        fc.constantFrom("a", "b", "b:c", "")
      )
      .map(([p, l]) => (p ? `${p}:${l}` : l || "a"));
    const attribute = fc
      .tuple(name, fc.constantFrom("v", "&amp;<", "x y"))
      .map(([n, v]) => `${n}="${v.replace("<", "&lt;")}"`);
    type Element = { name: string; attributes: string[]; children: (Element | string)[] };
    const element: fc.Memo<Element> = fc.memo((depth) =>
      fc.record({
        name,
        attributes: fc.uniqueArray(attribute, { maxLength: 3, selector: (a) => a.split("=")[0] }),
        children:
          depth > 1
            ? fc.array(
                fc.oneof(
                  element(depth - 1),
                  fc.constantFrom("t", " ", "<![CDATA[c]]>", "<?pi x?>", "<?p:i x?>")
                ),
                { maxLength: 3 }
              )
            : fc.constant([]),
      })
    );
    const write = (e: Element | string): string =>
      typeof e === "string"
        ? e
        : `<${[e.name, ...e.attributes].join(" ")}>${e.children.map(write).join("")}</${e.name}>`;
    const declarations = fc.uniqueArray(
      fc.tuple(prefix, uri).map(([p, u]) => (p ? `xmlns:${p}="${u}"` : `xmlns="${u}"`)),
      { maxLength: 3, selector: (a) => a.split("=")[0] }
    );
    let taken = 0;
    fc.assert(
      fc.property(element(4), declarations, (root, declared) => {
        const xml = write({ ...root, attributes: [...declared, ...root.attributes] });
        fc.pre(namespacesOnlyOnRoot(xml));
        taken += 1;
        expect(byStream(xml, true)).toEqual(bySaxes(xml));
      }),
      { numRuns: 1000 }
    );
    expect(taken).toBeGreaterThan(500);
  });

  it("agrees with the namespace mode on every XML part of the sample trust and the package corpus", async () => {
    const files = await makePackageFixtures(mkdtempSync(path.join(tmpdir(), "rule12b1-ns-")));
    files.set("sample", path.resolve("samples/sample-trust.xlsx"));
    let compared = 0;
    let shortcut = 0;
    for (const [, file] of files) {
      let entries;
      try {
        entries = await readZip(readFileSync(file));
      } catch {
        continue; // not a readable package: the corpus's zip cases
      }
      for (const entry of entries) {
        if (!/\.(xml|rels)$/.test(entry.name)) continue;
        let xml: string;
        try {
          xml = entryData(entry).toString("utf8");
        } catch {
          continue; // a damaged entry: the corpus's checksum cases
        }
        compared += 1;
        if (!namespacesOnlyOnRoot(xml)) continue;
        shortcut += 1;
        expect(byStream(xml, true), `${file} ${entry.name}`).toEqual(byStream(xml, false));
      }
    }
    // Every sheet, table and shared-string part of the clean trust takes the shortcut.
    expect(compared).toBeGreaterThan(100);
    expect(shortcut).toBeGreaterThan(compared / 2);
  }, 120_000);

  it("a streamed part whose root declarations the namespace mode refuses is read again in that mode, and refused in its words", async () => {
    const chunks = async function* () {
      yield '<a xmlns:p="">';
      yield "<b/></a>";
    };
    let reads = 0;
    const opened: string[] = [];
    await expect(
      streamXmlAsync(
        chunks(),
        "xl/x.xml",
        { open: (_, local) => opened.push(local) },
        {
          again: () => {
            reads += 1;
            return chunks();
          },
        }
      )
    ).rejects.toThrow(/line 1, column \d+: invalid attempt to undefine prefix in XML 1\.0/);
    expect(reads).toBe(1);
    expect(opened).toEqual([]);
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
