/**
 * A save another program makes during a run is never overwritten (issue 22):
 * `--in-place` replaces the workbook only if it is still the version it read
 * (device, inode, size, modification time). The other save is made at a
 * known point of the run — from the progress callback, after the workbook is
 * read and before it is saved — so the test never depends on timing. The
 * run exits 2 with a sentence, the other save survives byte for byte, and the
 * run's own output is kept beside it, complete.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import type { Progress } from "../../src/cli/progress";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";

/** A workbook another program saved: a different trust (Growth renamed), so its bytes differ. */
async function otherSave(): Promise<Buffer> {
  const dir = tempDir();
  const file = await writeTrust(dir, "other.xlsx", {
    edit: (rows) => void (rows.Portfolios[0]!["Portfolio"] = "Growth Fund"),
  });
  return readFileSync(file);
}

/** A progress callback that, once, on the step named `at`, does `save` (synchronously). */
function saveDuring(at: string, save: () => void): Progress {
  let done = false;
  return (label) => {
    if (done || !label.startsWith(at)) return;
    done = true;
    save();
  };
}

const sentence = (given: string, kept: string) =>
  `${given} changed on disk while rule12b1 was working (another program saved it, or moved it), so rule12b1 did not write over it: that save is kept as it is. This run's output is beside it as ${kept}; run again on the saved workbook, or compare the two.`;

describe("--in-place while another program saves the workbook", () => {
  it.each([
    [
      "accrue",
      "Writing columns",
      "a copy renamed over it (as Excel, LibreOffice and sync clients save)",
    ],
    ["report", "Saving", "a copy renamed over it (as Excel, LibreOffice and sync clients save)"],
    ["accrue", "Writing columns", "its bytes written into it (as an editor saves)"],
  ] as const)(
    "%s, saved at “%s” by %s: exit 2 with the sentence, the other save intact, this run's output kept beside it, nothing else left",
    async (command, at, how) => {
      const dir = tempDir();
      const file = await writeTrust(dir);
      const other = await otherSave();
      const save = how.startsWith("a copy")
        ? () => {
            writeFileSync(path.join(dir, "trust.xlsx.saving"), other);
            renameSync(path.join(dir, "trust.xlsx.saving"), file);
          }
        : () => writeFileSync(file, other);
      const outcome = await run({
        command,
        file,
        inPlace: true,
        asOf: AS_OF,
        quarter: "2026Q3",
        progress: saveDuring(at, save),
      });
      const kept = path.join(dir, "trust (rule12b1 output).xlsx");
      expect(outcome.exitCode).toBe(2);
      expect(outcome.lines).toEqual([sentence(file, kept)]);
      expect(outcome.written).toEqual([kept]);
      expect(readFileSync(file).equals(other)).toBe(true);
      // The run's output is whole: accrue's columns, or report's sheet.
      const output = await XlsxPackage.read(readFileSync(kept));
      if (command === "accrue")
        expect(output.text(output.workbookPart())).toContain("rule12b1_AccrualColumns");
      else expect(output.sheets().map((s) => s.name)).toContain("12b-1 Report 2026-Q3");
      expect(readdirSync(dir).sort()).toEqual(["trust (rule12b1 output).xlsx", "trust.xlsx"]);
    }
  );

  it("a second such run keeps its output under the next free name, never over the first", async () => {
    const dir = tempDir();
    const file = await writeTrust(dir);
    const other = await otherSave();
    for (let n = 1; n <= 2; n += 1) {
      const outcome = await run({
        command: "accrue",
        file,
        inPlace: true,
        asOf: AS_OF,
        // The second run reads the first save and is overtaken by another (same bytes, new time).
        progress: saveDuring("Writing columns", () => writeFileSync(file, other)),
      });
      expect(outcome.exitCode).toBe(2);
    }
    expect(readdirSync(dir).sort()).toEqual([
      "trust (rule12b1 output 2).xlsx",
      "trust (rule12b1 output).xlsx",
      "trust.xlsx",
    ]);
  });

  it("without another save, --in-place replaces the workbook as before (exit 0, nothing beside it)", async () => {
    const dir = tempDir();
    const file = await writeTrust(dir);
    const outcome = await run({ command: "accrue", file, inPlace: true, asOf: AS_OF });
    expect(outcome.exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual(["trust.xlsx"]);
  });
});
