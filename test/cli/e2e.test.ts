import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtCli } from "./support/builtCli";
import { tempDir, writeTrust } from "./support/trustFile";

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [builtCli(), ...args], { encoding: "utf8" });

describe("the built rule12b1 command", () => {
  it("check --json prints the findings as JSON and exits 1 on errors", async () => {
    const file = await writeTrust(tempDir());
    const result = cli("check", file, "--as-of", "2026-11-28", "--json");
    expect(result.status).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ command: "check", exitCode: 1, asOf: "2026-11-28" });
    expect(parsed.exceptions.some((e: { rule: string }) => e.rule === "plan-lapsed")).toBe(true);
    expect(result.stderr).toBe("");
  });

  it("report --json names the sheet written; a bad quarter is exit 2 with nothing written", async () => {
    const dir = tempDir();
    const file = await writeTrust(dir);
    const out = path.join(dir, "r.xlsx");
    const ok = cli(
      "report",
      file,
      "--quarter",
      "2026Q3",
      "-o",
      out,
      "--as-of",
      "2026-11-28",
      "--json"
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).sheets[0]).toMatchObject({
      sheet: "12b-1 Report 2026-Q3",
      trust: { feesAccrued: 28700 },
    });
    const bad = cli("report", file, "--quarter", "2026Q5", "-o", path.join(dir, "bad.xlsx"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--quarter 2026Q5: give a quarter like 2026Q3/);
    expect(existsSync(path.join(dir, "bad.xlsx"))).toBe(false);
  });

  it("an unknown option is a usage error, exit 2", () => {
    expect(cli("check", "x.xlsx", "--frobnicate").status).toBe(2);
  });
});
