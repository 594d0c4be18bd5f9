/**
 * `demo DIR` replaces nothing without `--force` (SPEC §6, added 2026-12-01):
 * files already in DIR are named, the exit is 2 and they are left as they were.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { builtCli } from "./support/builtCli";
import { leftovers } from "./support/fileSystem";
import { tempDir } from "./support/trustFile";

const NAMES = [
  "sample-trust.xlsx",
  "sample-trust-accrued.xlsx",
  "sample-trust-report.xlsx",
  "sample-trust-journal.xlsx",
  "sample-trust-journal-2026-11.csv",
];

describe("demo and files already there", () => {
  it("a second demo into the same folder is exit 2 naming all its files; they stay byte for byte; --force replaces them", async () => {
    const dir = tempDir();
    expect((await run({ command: "demo", dir })).exitCode).toBe(0);
    const before = NAMES.map((name) => readFileSync(path.join(dir, name)));
    const again = await run({ command: "demo", dir });
    expect(again.exitCode).toBe(2);
    const files = NAMES.map((name) => path.join(dir, name));
    expect(again.lines).toEqual([
      `${files.join(", ")} are already there; demo replaces nothing without --force. Run npx rule12b1 demo ${dir} --force to replace them, or choose another folder.`,
      "Nothing was written.",
    ]);
    NAMES.forEach((name, i) =>
      expect(readFileSync(path.join(dir, name)).equals(before[i]!)).toBe(true)
    );
    const forced = spawnSync(process.execPath, [builtCli(), "demo", dir, "--force", "--json"], {
      encoding: "utf8",
    });
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout).written).toEqual(files);
    expect(leftovers(dir)).toEqual([]);
  });

  it("one file of the user's with a demo name is named alone, and the demo writes none of the others", async () => {
    const dir = tempDir();
    const mine = path.join(dir, "sample-trust-report.xlsx");
    writeFileSync(mine, "my own report");
    const mtime = statSync(mine).mtimeMs;
    const result = spawnSync(process.execPath, [builtCli(), "demo", dir], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `${mine} is already there; demo replaces nothing without --force. Run npx rule12b1 demo ${dir} --force to replace it, or choose another folder.\nNothing was written.\n`
    );
    expect(readFileSync(mine, "utf8")).toBe("my own report");
    expect(statSync(mine).mtimeMs).toBe(mtime);
    expect(existsSync(path.join(dir, "sample-trust.xlsx"))).toBe(false);
    expect(existsSync(path.join(dir, "sample-trust-accrued.xlsx"))).toBe(false);
  });
});
