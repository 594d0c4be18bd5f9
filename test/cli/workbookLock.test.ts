/**
 * One run at a time per workbook (issue 13): a second run on the same file
 * waits for the first or stops with exit 2 naming it — never do both runs
 * read the old workbook and one silently write over the other's work. Stale
 * locks (their run is gone) are removed; a lock from another host is not.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lockPath, lockWorkbook } from "../../src/cli/files/workbookLock";
import { processStartTicks } from "../../src/cli/files/processIdentity";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { builtCli } from "./support/builtCli";
import { deadPid, leftovers } from "./support/fileSystem";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";

afterEach(() => {
  vi.restoreAllMocks();
});

interface Finished {
  status: number | null;
  stderr: string;
}

/** Starts the built CLI without waiting for it. */
function start(cwd: string, ...args: string[]): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtCli(), ...args], { cwd });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/** What accrue and report each leave in a workbook: the accrual columns' name and the report sheet. */
async function marks(file: string): Promise<{ accrualColumns: boolean; reportSheet: boolean }> {
  const workbook = await (
    await JSZip.loadAsync(readFileSync(file))
  )
    .file("xl/workbook.xml")!
    .async("string");
  return {
    accrualColumns: workbook.includes("rule12b1_AccrualColumns"),
    reportSheet: workbook.includes('name="12b-1 Report 2026-Q3"'),
  };
}

function lockText(holder: Record<string, unknown>): string {
  return `${JSON.stringify({ command: "accrue", since: "2026-12-01T09:00:00.000Z", ...holder })}\n`;
}

describe("two runs at once on one workbook", () => {
  it("accrue --in-place and report --in-place started together, five times: both finish and both results are in the workbook", async () => {
    for (let round = 0; round < 5; round += 1) {
      const dir = tempDir();
      await writeTrust(dir);
      const [accrued, reported] = await Promise.all([
        start(dir, "accrue", "trust.xlsx", "--in-place", "--as-of", AS_OF),
        start(dir, "report", "trust.xlsx", "--in-place", "--quarter", "2026Q3", "--as-of", AS_OF),
      ]);
      expect([accrued.status, reported.status]).toEqual([0, 0]);
      for (const finished of [accrued, reported])
        expect(finished.stderr).toMatch(
          /^(|trust\.xlsx is in use by rule12b1 (accrue|report) \(pid \d+\); waiting up to 60 s for it to finish…\n)$/
        );
      expect(await marks(path.join(dir, "trust.xlsx"))).toEqual({
        accrualColumns: true,
        reportSheet: true,
      });
      expect(leftovers(dir)).toEqual([]);
    }
  });

  it("with --wait 0, a run finding the workbook locked stops at once: exit 2, the holder named, the workbook untouched", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const before = readFileSync(input);
    const lock = await lockWorkbook(input, "trust.xlsx", { command: "report", waitMs: 0 });
    const holder = JSON.parse(readFileSync(lock.file, "utf8")) as { since: string };
    const result = spawnSync(
      process.execPath,
      [builtCli(), "accrue", "trust.xlsx", "--in-place", "--wait", "0", "--as-of", AS_OF],
      { cwd: dir, encoding: "utf8" }
    );
    await lock.release();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `Cannot write trust.xlsx: it is in use by rule12b1 report (pid ${process.pid} on ${os.hostname()}, since ${holder.since}). Try again when that run has finished (if none is running, delete ${lockPath(input)}).\nNothing was changed.\n`
    );
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a run finding the workbook locked waits, says so once, and goes on when the lock is released", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const lock = await lockWorkbook(input, "trust.xlsx", { command: "report", waitMs: 0 });
    const waiting = start(
      dir,
      "accrue",
      "trust.xlsx",
      "--in-place",
      "--wait",
      "30",
      "--as-of",
      AS_OF
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await marks(input)).toEqual({ accrualColumns: false, reportSheet: false });
    await lock.release();
    const finished = await waiting;
    expect(finished.status).toBe(0);
    expect(finished.stderr).toBe(
      `trust.xlsx is in use by rule12b1 report (pid ${process.pid}); waiting up to 30 s for it to finish…\n`
    );
    expect((await marks(input)).accrualColumns).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a run that waited --wait 1 s and still finds the workbook locked stops: exit 2, 'after 1 s it is still in use'", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const lock = await lockWorkbook(input, "trust.xlsx", { command: "report", waitMs: 0 });
    const holder = JSON.parse(readFileSync(lock.file, "utf8")) as { since: string };
    const started = Date.now();
    const outcome = await run({ command: "accrue", file: input, inPlace: true, wait: "1" });
    const waited = Date.now() - started;
    await lock.release();
    expect(outcome.exitCode).toBe(2);
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(outcome.lines[0]).toBe(
      `Cannot write ${input}: after 1 s it is still in use by rule12b1 report (pid ${process.pid} on ${os.hostname()}, since ${holder.since}). Try again when that run has finished (if none is running, delete ${lockPath(input)}).`
    );
  });

  it("--wait that is not a number of seconds is exit 2 with a sentence", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const outcome = await run({ command: "accrue", file: input, inPlace: true, wait: "soon" });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[1]).toBe("  - --wait soon: give a number of seconds, e.g. --wait 30.");
  });
});

describe("stale locks", () => {
  it("a lock left by a run that is gone (its pid not running) is removed, and the run goes ahead", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    writeFileSync(lockPath(input), lockText({ pid: deadPid(), host: os.hostname() }));
    const outcome = await run({
      command: "accrue",
      file: input,
      inPlace: true,
      asOf: AS_OF,
      wait: 0,
    });
    expect(outcome.exitCode).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it.skipIf(process.platform !== "linux")(
    "a lock whose pid now belongs to another process (another start time) is stale too",
    async () => {
      const dir = tempDir();
      const input = await writeTrust(dir);
      expect(processStartTicks(process.pid)).not.toBeNull();
      writeFileSync(
        lockPath(input),
        lockText({ pid: process.pid, host: os.hostname(), startTicks: "1" })
      );
      const outcome = await run({
        command: "accrue",
        file: input,
        inPlace: true,
        asOf: AS_OF,
        wait: 0,
      });
      expect(outcome.exitCode).toBe(0);
      expect(leftovers(dir)).toEqual([]);
    }
  );

  it("a lock with this process's own pid, taken before this process started, is an earlier process's (pids are reused in containers)", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    writeFileSync(
      lockPath(input),
      lockText({ pid: process.pid, host: os.hostname(), since: "2026-01-01T00:00:00.000Z" })
    );
    const outcome = await run({
      command: "accrue",
      file: input,
      inPlace: true,
      asOf: AS_OF,
      wait: 0,
    });
    expect(outcome.exitCode).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a lock from another host is never broken: exit 2 naming that host and the file to delete", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    writeFileSync(lockPath(input), lockText({ pid: 4242, host: "ledger-02" }));
    const outcome = await run({
      command: "report",
      file: input,
      inPlace: true,
      asOf: AS_OF,
      wait: 0,
    });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(
      `Cannot write ${input}: it is in use by rule12b1 accrue (pid 4242 on ledger-02, since 2026-12-01T09:00:00.000Z). Try again when that run has finished (if none is running, delete ${lockPath(input)}).`
    );
    expect(readFileSync(lockPath(input), "utf8")).toContain("ledger-02");
  });

  it("an empty lock file is a run still creating it for 10 s, then a leftover", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    writeFileSync(lockPath(input), "");
    const fresh = await run({
      command: "accrue",
      file: input,
      inPlace: true,
      asOf: AS_OF,
      wait: 0,
    });
    expect(fresh.exitCode).toBe(2);
    expect(fresh.lines[0]).toMatch(/^Cannot write .*: it is in use by another rule12b1 run\./);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(input), old, old);
    const later = await run({
      command: "accrue",
      file: input,
      inPlace: true,
      asOf: AS_OF,
      wait: 0,
    });
    expect(later.exitCode).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it("two runs finding the same stale lock never hold the workbook at the same time", async () => {
    const dir = tempDir();
    const file = path.join(dir, "trust.xlsx");
    writeFileSync(file, "");
    for (let round = 0; round < 10; round += 1) {
      writeFileSync(lockPath(file), lockText({ pid: deadPid(), host: os.hostname() }));
      let holding = 0;
      let most = 0;
      await Promise.all(
        [1, 2, 3].map(async () => {
          const lock = await lockWorkbook(file, "trust.xlsx", { command: "test", waitMs: 10_000 });
          holding += 1;
          most = Math.max(most, holding);
          await new Promise((resolve) => setTimeout(resolve, 5));
          holding -= 1;
          await lock.release();
        })
      );
      expect(most).toBe(1);
      expect(leftovers(dir)).toEqual([]);
    }
  });
});

describe("the lock is released on every way out", () => {
  it("after success, after unusable input (exit 2), after a file-system failure and after a bug", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    expect(
      (await run({ command: "report", file: input, inPlace: true, asOf: AS_OF })).exitCode
    ).toBe(0);
    expect(leftovers(dir)).toEqual([]);
    const badQuarter = await run({
      command: "report",
      file: input,
      inPlace: true,
      quarter: "2026Q5",
    });
    expect(badQuarter.exitCode).toBe(2);
    expect(leftovers(dir)).toEqual([]);
    const toBytes = vi.spyOn(XlsxPackage.prototype, "toBytes").mockImplementation(() => {
      throw new TypeError("a bug");
    });
    await expect(
      run({ command: "accrue", file: input, inPlace: true, asOf: AS_OF })
    ).rejects.toThrow("a bug");
    expect(leftovers(dir)).toEqual([]);
    toBytes.mockRestore();
    const folder = path.join(dir, "out");
    writeFileSync(folder, "");
    const failed = await run({ command: "accrue", file: input, out: path.join(folder, "x.xlsx") });
    expect(failed.exitCode).toBe(2);
    expect(leftovers(dir)).toEqual([]);
  });
});
