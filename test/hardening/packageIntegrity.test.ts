/**
 * The package checker the runner's tests rely on (test/cli/support/packageIntegrity.ts)
 * resolves namespaces as Excel and LibreOffice do: a prefix a part uses but
 * never declares is a problem, whether on an element (VML's `v:shape`) or on
 * an attribute (workbook.xml's `r:id`). Issue 13 found both written by the
 * runner into other writers' packages; LibreOffice refuses such a file.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { editParts } from "../../scripts/packageFixtures";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { packageProblems } from "../cli/support/packageIntegrity";
import { tempDir } from "../cli/support/trustFile";

const VML = "xl/drawings/vmlDrawing1.vml";
const WORKBOOK = "xl/workbook.xml";
let clean: Buffer;

beforeAll(async () => {
  clean = readFileSync((await makeFixtures(tempDir(), [CORPUS[0]!])).get("clean")!);
}, 60_000);

/** `clean` with the declaration `xmlns:<prefix>="…"` removed from `part` (the prefix still used). */
function undeclare(part: string, ...prefixes: string[]): Promise<Buffer> {
  return editParts(
    clean,
    (xml) => {
      let edited = xml;
      for (const prefix of prefixes) {
        const declaration = new RegExp(`\\sxmlns:${prefix}="[^"]*"`, "g");
        expect(edited, `${part} declares ${prefix}:`).toMatch(declaration);
        edited = edited.replace(declaration, "");
        expect(edited, `${part} still uses ${prefix}:`).toContain(`${prefix}:`);
      }
      return edited;
    },
    (name) => name === part
  );
}

describe("the package checker resolves namespaces", () => {
  it("finds nothing wrong in the clean corpus trust, whose parts declare every prefix they use", async () => {
    expect(await packageProblems(clean)).toEqual([]);
  });

  it("reports VML whose v: and o: prefixes are not declared (what accrue once wrote into openpyxl's notes)", async () => {
    const problems = await packageProblems(await undeclare(VML, "v", "o"));
    // The part's first element is <o:shapelayout>: its prefix is the first unbound one met.
    expect(problems).toContainEqual(
      expect.stringMatching(/^xl\/drawings\/vmlDrawing1\.vml .*unbound namespace prefix: "o"/)
    );
  });

  it("reports a workbook.xml whose r:id attributes use an undeclared r: prefix (what report once wrote into openpyxl's workbook)", async () => {
    const problems = await packageProblems(await undeclare(WORKBOOK, "r"));
    expect(problems).toContainEqual(
      expect.stringMatching(/^xl\/workbook\.xml .*unbound namespace prefix: "r"/)
    );
  });
});

describe("the package checker holds each table to the sheet and to its columns", () => {
  const withRef = (ref: string) =>
    editParts(
      clean,
      (xml) => xml.replace(/ref="A1:C68"/g, `ref="${ref}"`),
      (name) => name === "xl/tables/table10.xml"
    );

  it("a NetAssets range past column XFD (what accrue once wrote beside A1:XFD68) is reported", async () => {
    expect(await packageProblems(await withRef("A1:XFJ68"))).toContain(
      "xl/tables/table10.xml: table range A1:XFJ68 runs past the sheet's last cell XFD1048576"
    );
  });

  it("a range one column wider than the 3 columns listed is reported (Excel would repair it)", async () => {
    expect(await packageProblems(await withRef("A1:D68"))).toContain(
      "xl/tables/table10.xml: table range A1:D68 is 4 columns wide, but 3 are listed"
    );
  });
});
