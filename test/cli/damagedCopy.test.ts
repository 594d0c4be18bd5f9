/**
 * A part the runner does not read, only copies (the theme), is copied still compressed
 * (src/cli/xlsx/ooxml/writeZip.ts), so its checksum must be compared before: damage found at
 * its end — a checksum that does not match — must refuse the run with a sentence, not pass the
 * damaged part on, crash or leave a half-written file.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { centralEntry } from "../../scripts/packageFixtures";
import { tempDir, writeTrust } from "./support/trustFile";

describe("a damaged part the runner only copies", () => {
  it("accrue and report exit 2 naming it; nothing is written and the input is untouched", async () => {
    const dir = tempDir();
    const file = await writeTrust(dir, "trust.xlsx");
    const bytes = readFileSync(file);
    const at = centralEntry(bytes, "xl/theme/theme1.xml");
    bytes.writeUInt32LE((bytes.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
    writeFileSync(file, bytes);
    for (const command of ["accrue", "report"] as const) {
      const out = path.join(dir, `${command}.xlsx`);
      const outcome = await run({ command, file, out, quarter: "2026Q3", asOf: "2026-11-28" });
      expect(outcome.exitCode, command).toBe(2);
      expect(outcome.lines.join("\n"), command).toMatch(
        /The part xl\/theme\/theme1\.xml of the workbook is damaged \(its CRC-32 checksum does not match\)/
      );
      expect(outcome.written).toEqual([]);
    }
    expect(readdirSync(dir)).toEqual(["trust.xlsx"]);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
