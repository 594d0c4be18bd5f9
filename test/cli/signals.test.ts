/**
 * Stopping the runner (issue 13): SIGINT or SIGTERM in the middle of writing
 * a large workbook removes the temporary file and the lock and exits 130 or
 * 143, the workbook exactly as it was; what a SIGKILL leaves (it cannot be
 * caught) is recognised by the next run and removed. The workbook is the
 * benchmark's 50-portfolio × 5-year trust (91,300 NAV rows, ~5 MB once
 * accrued, written in 1 MiB slices).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, watch, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { writeLargeTrust } from "../../bench/runner.bench";
import { temporaryPath } from "../../src/cli/files/temporaryFile";
import { lockPath } from "../../src/cli/files/workbookLock";
import { builtCli } from "./support/builtCli";
import { deadPid, leftovers } from "./support/fileSystem";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";
let large: string;
let midWriteChild: string;
let midReportChild: string;

beforeAll(async () => {
  const dir = tempDir();
  large = path.join(dir, "large.xlsx");
  await writeLargeTrust(large);
  midWriteChild = path.join(dir, "signalMidWrite.cjs");
  midReportChild = path.join(dir, "signalMidReport.cjs");
  for (const [source, outfile] of [
    ["signalMidWrite.ts", midWriteChild],
    ["signalMidReport.ts", midReportChild],
  ])
    buildSync({
      entryPoints: [path.join(__dirname, "support", source!)],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      outfile,
      logLevel: "warning",
    });
}, 120_000);

/** A fresh copy of the large trust in a folder of its own. */
function largeCopy(): { dir: string; file: string; before: Buffer } {
  const dir = tempDir();
  const file = path.join(dir, "large.xlsx");
  copyFileSync(large, file);
  return { dir, file, before: readFileSync(file) };
}

async function hasAccrualColumns(file: string): Promise<boolean> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return (await zip.file("xl/workbook.xml")!.async("string")).includes("rule12b1_AccrualColumns");
}

/** Runs the built CLI on `file` and sends `signal` the moment its temporary file appears. */
function signalWhenWriting(
  dir: string,
  file: string,
  signal: NodeJS.Signals
): Promise<{ status: number | null; killedBy: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [builtCli(), "accrue", file, "--in-place", "--as-of", AS_OF],
      {
        cwd: dir,
      }
    );
    const temporaryName = path.basename(temporaryPath(file, child.pid));
    const watcher = watch(dir, (_, name) => {
      if (name === temporaryName) {
        watcher.close();
        child.kill(signal);
      }
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    child.on("close", (status, killedBy) => {
      watcher.close();
      resolve({ status, killedBy, stderr });
    });
  });
}

describe("SIGINT and SIGTERM mid-write", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)
    it(`${signal} while the new workbook is half in its temporary file: exit ${code}, no temporary file, no lock, the workbook byte-identical`, () => {
      const { dir, file, before } = largeCopy();
      const result = spawnSync(process.execPath, [midWriteChild, file, signal], {
        cwd: dir,
        encoding: "utf8",
      });
      expect(result.stdout).toBe("mid-write: temporary file present\n");
      expect(result.status).toBe(code);
      expect(result.stderr).toBe(
        `rule12b1 stopped (${signal}): nothing was written to ${file}, and no temporary file or lock is left.\n`
      );
      expect(leftovers(dir)).toEqual([]);
      expect(readFileSync(file).equals(before)).toBe(true);
    });

  it("SIGINT sent from outside as the temporary file appears: exit 130, nothing left behind, the workbook old or new but whole", async () => {
    const { dir, file, before } = largeCopy();
    const result = await signalWhenWriting(dir, file, "SIGINT");
    expect(result.status).toBe(130);
    expect(leftovers(dir)).toEqual([]);
    const after = readFileSync(file);
    if (after.equals(before))
      expect(result.stderr).toBe(
        `rule12b1 stopped (SIGINT): nothing was written to ${file}, and no temporary file or lock is left.\n`
      );
    // The signal arrived after the rename: the new workbook is complete.
    else expect(await hasAccrualColumns(file)).toBe(true);
  });
});

describe("a signal during a long computation (issue 22)", () => {
  it("SIGINT as report --all-quarters begins its second quarter: answered before the third begins, exit 130, no lock left, the workbook byte-identical", () => {
    const { dir, file, before } = largeCopy();
    const result = spawnSync(process.execPath, [midReportChild, file, "SIGINT"], {
      cwd: dir,
      encoding: "utf8",
    });
    const lines = result.stdout.trim().split("\n");
    // The large trust's NAV history spans 20 quarters; two were begun, then the signal.
    expect(lines.slice(0, 2)).toEqual(["Report 2021Q1", "Report 2021Q2"]);
    expect(lines[2]).toMatch(/^signal sent at \d+$/);
    expect(lines).toHaveLength(3);
    // Answered at the next turn of the event loop, once the quarter under way is done (about a
    // second here on a shared machine; the other 18 quarters would have taken half a minute).
    expect(result.status).toBe(130);
    expect(result.stderr).toBe("rule12b1 stopped (SIGINT); no temporary file or lock is left.\n");
    expect(leftovers(dir)).toEqual([]);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe("what a SIGKILL leaves", () => {
  it("killed mid-write: its lock (and temporary file) are left; the next run removes them and succeeds", async () => {
    const { dir, file } = largeCopy();
    const killed = await signalWhenWriting(dir, file, "SIGKILL");
    expect(killed.killedBy).toBe("SIGKILL");
    expect(leftovers(dir)).toContain(path.basename(lockPath(file)));
    const next = spawnSync(
      process.execPath,
      [builtCli(), "accrue", file, "--in-place", "--wait", "0", "--as-of", AS_OF],
      {
        cwd: dir,
        encoding: "utf8",
      }
    );
    expect(next.status).toBe(0);
    expect(leftovers(dir)).toEqual([]);
    expect(await hasAccrualColumns(file)).toBe(true);
  });

  it("temporary files of dead runs (this naming and the old one) are removed; a live run's is kept", async () => {
    const dir = tempDir();
    const file = await writeTrust(dir);
    const dead = deadPid();
    const stale = [
      path.basename(temporaryPath(file, dead)),
      `.trust.xlsx.${dead}.1764500000000.tmp`,
    ];
    const live = path.basename(temporaryPath(file, process.pid));
    for (const name of [...stale, live]) writeFileSync(path.join(dir, name), "half a workbook");
    writeFileSync(
      lockPath(file),
      `${JSON.stringify({ pid: dead, host: os.hostname(), command: "report" })}\n`
    );
    const next = spawnSync(process.execPath, [builtCli(), "check", file, "--as-of", AS_OF]);
    expect(next.status).toBe(1); // its findings; check writes nothing and takes no lock: leftovers stay
    expect(leftovers(dir).sort()).toEqual([...stale, live, path.basename(lockPath(file))].sort());
    const accrue = spawnSync(process.execPath, [
      builtCli(),
      "accrue",
      file,
      "--in-place",
      "--wait",
      "0",
      "--as-of",
      AS_OF,
    ]);
    expect(accrue.status).toBe(0);
    expect(leftovers(dir)).toEqual([live]);
    expect(existsSync(path.join(dir, live))).toBe(true);
  });
});
