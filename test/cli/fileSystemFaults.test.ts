/**
 * Every file-system condition is exit 2 with one located sentence, no stack
 * trace, the input untouched and nothing left behind (issue 13). Real
 * conditions where the machine allows (a full tmpfs, a read-only tmpfs: root
 * in `.ci/run`'s container), and the same errors injected at the write
 * boundary everywhere, so the mapping is tested even where mounting is not
 * allowed.
 */
import { spawnSync } from "node:child_process";
import {
  promises as fsp,
  mkdirSync,
  readdirSync,
  readFileSync,
  statfsSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { builtCli } from "./support/builtCli";
import {
  canMount,
  leftovers,
  mountTmpfs,
  remountReadOnly,
  systemError,
  unmount,
} from "./support/fileSystem";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";
const cli = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [builtCli(), ...args], { cwd, encoding: "utf8" });

const mounts: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const folder of mounts.splice(0)) unmount(folder);
});

/** Fills `folder`'s file system until only `freeBytes` are left. */
function fillUntil(folder: string, freeBytes: number): void {
  const stats = statfsSync(folder);
  const free = stats.bavail * stats.bsize;
  writeFileSync(path.join(folder, "filler"), Buffer.alloc(Math.max(0, free - freeBytes)));
}

describe("the disk is full (ENOSPC)", () => {
  it.skipIf(!canMount())(
    "accrue -o onto a full tmpfs: exit 2, 'Cannot write …: the disk is full.', no temporary file left",
    async () => {
      const dir = tempDir();
      const input = await writeTrust(dir);
      const before = readFileSync(input);
      const disk = mountTmpfs("256k");
      mounts.push(disk);
      fillUntil(disk, 8192); // room for the lock, not for the workbook
      const result = cli(
        dir,
        "accrue",
        "trust.xlsx",
        "-o",
        path.join(disk, "out.xlsx"),
        "--as-of",
        AS_OF
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `Cannot write ${path.join(disk, "out.xlsx")}: the disk is full.\nNothing was changed.\n`
      );
      expect(leftovers(disk)).toEqual([]);
      expect(readFileSync(input).equals(before)).toBe(true);
    }
  );

  it.skipIf(!canMount())(
    "report --in-place on a full tmpfs: exit 2, the workbook byte-identical with its mode, nothing left beside it",
    async () => {
      const disk = mountTmpfs("512k");
      mounts.push(disk);
      const input = await writeTrust(disk);
      await fsp.chmod(input, 0o640);
      const before = readFileSync(input);
      fillUntil(disk, 8192);
      const result = cli(
        disk,
        "report",
        "trust.xlsx",
        "--in-place",
        "--quarter",
        "2026Q3",
        "--as-of",
        AS_OF
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        "Cannot write trust.xlsx: the disk is full.\nNothing was changed.\n"
      );
      expect(readFileSync(input).equals(before)).toBe(true);
      expect(statSync(input).mode & 0o777).toBe(0o640);
      expect(leftovers(disk)).toEqual([]);
    }
  );

  it("a write the disk refuses half-way (injected ENOSPC): exit 2 with the sentence, the temporary file removed", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "out.xlsx");
    const handle = await fsp.open(input, "r");
    const prototype = Object.getPrototypeOf(handle) as { write: (...args: unknown[]) => unknown };
    await handle.close();
    vi.spyOn(prototype, "write").mockRejectedValue(systemError("ENOSPC", "write", out));
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines).toEqual([
      `Cannot write ${out}: the disk is full.`,
      "Nothing was changed.",
    ]);
    expect(leftovers(dir)).toEqual([]);
  });
  it("a write the disk refuses into folders -o made for it: the folders are removed again, as 'Nothing was changed' says (issue 22)", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "2026", "Q3", "out.xlsx");
    const handle = await fsp.open(input, "r");
    const prototype = Object.getPrototypeOf(handle) as { write: (...args: unknown[]) => unknown };
    await handle.close();
    vi.spyOn(prototype, "write").mockRejectedValue(systemError("ENOSPC", "write", out));
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.lines).toEqual([
      `Cannot write ${out}: the disk is full.`,
      "Nothing was changed.",
    ]);
    expect(readdirSync(dir)).toEqual(["trust.xlsx"]);
  });

  it("a disk that lets the lock file be created but refuses its content (injected ENOSPC): exit 2, no empty lock left", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const handle = await fsp.open(input, "r");
    const prototype = Object.getPrototypeOf(handle) as {
      writeFile: (...args: unknown[]) => unknown;
    };
    await handle.close();
    vi.spyOn(prototype, "writeFile").mockRejectedValue(systemError("ENOSPC", "write", input));
    const outcome = await run({ command: "accrue", file: input, inPlace: true, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines).toEqual([
      `Cannot write ${input}: the disk is full.`,
      "Nothing was changed.",
    ]);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("a read-only folder (EROFS)", () => {
  it.skipIf(!canMount())(
    "accrue --in-place on a read-only mount: exit 2, 'Cannot write …: it is on a read-only file system.'",
    async () => {
      const disk = mountTmpfs("1m");
      mounts.push(disk);
      const input = await writeTrust(disk);
      const before = readFileSync(input);
      remountReadOnly(disk);
      const result = cli(disk, "accrue", "trust.xlsx", "--in-place", "--as-of", AS_OF);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        "Cannot write trust.xlsx: it is on a read-only file system.\nNothing was changed.\n"
      );
      expect(readFileSync(input).equals(before)).toBe(true);
      expect(leftovers(disk)).toEqual([]);
    }
  );

  it.skipIf(!canMount())("report -o into a read-only mount: exit 2 with the sentence", async () => {
    const dir = tempDir();
    await writeTrust(dir);
    const disk = mountTmpfs("64k");
    mounts.push(disk);
    remountReadOnly(disk);
    const out = path.join(disk, "report.xlsx");
    const result = cli(
      dir,
      "report",
      "trust.xlsx",
      "-o",
      out,
      "--quarter",
      "2026Q3",
      "--as-of",
      AS_OF
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `Cannot write ${out}: it is on a read-only file system.\nNothing was changed.\n`
    );
  });

  it("EROFS, EACCES, EDQUOT and EIO injected at the temporary file's creation each give their sentence", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "out.xlsx");
    const open = fsp.open;
    const cases: [string, string][] = [
      ["EROFS", "it is on a read-only file system"],
      [
        "EACCES",
        `permission denied; rule12b1 writes the new version beside it in ${dir} and renames it over the old one, and this user may not create files there`,
      ],
      ["EDQUOT", "your disk quota is used up"],
      ["EIO", "the disk reported an input/output error"],
    ];
    for (const [code, reason] of cases) {
      const spy = vi
        .spyOn(fsp, "open")
        .mockImplementation(((file: string, ...rest: never[]) =>
          String(file).endsWith(".tmp")
            ? Promise.reject(systemError(code, "open", String(file)))
            : open(file, ...rest)) as typeof fsp.open);
      const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
      spy.mockRestore();
      expect(outcome.exitCode).toBe(2);
      expect(outcome.lines[0]).toBe(`Cannot write ${out}: ${reason}.`);
      expect(leftovers(dir)).toEqual([]);
    }
  });

  it("a failed rename (EACCES) leaves the old output as it was and no temporary file", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "out.xlsx");
    writeFileSync(out, "the old output");
    vi.spyOn(fsp, "rename").mockRejectedValue(systemError("EACCES", "rename", out));
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(`Cannot write ${out}: permission denied.`);
    expect(readFileSync(out, "utf8")).toBe("the old output");
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("outputs that are not files", () => {
  it("-o naming a folder: exit 2 from the built CLI, the sentence and no stack trace", async () => {
    const dir = tempDir();
    await writeTrust(dir);
    mkdirSync(path.join(dir, "out"));
    const result = cli(dir, "accrue", "trust.xlsx", "-o", "out", "--as-of", AS_OF);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `Cannot write out: it is a folder; name a file in it, e.g. ${path.join("out", "workbook.xlsx")}.\nNothing was changed.\n`
    );
    expect(leftovers(dir)).toEqual([]);
  });

  it("-o inside a path whose folder is a file: exit 2, 'part of its path is a file'", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    writeFileSync(path.join(dir, "notes"), "a file, not a folder");
    const out = path.join(dir, "notes", "out.xlsx");
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(`Cannot write ${out}: part of its path is a file, not a folder.`);
  });
});

describe("inputs that cannot be read", () => {
  const cases: [string, (dir: string) => string, string][] = [
    ["missing", () => "missing.xlsx", "Cannot read missing.xlsx: no such file."],
    [
      "a folder",
      (dir) => {
        mkdirSync(path.join(dir, "books"));
        return "books";
      },
      "Cannot read books: it is a folder, not a workbook.",
    ],
    [
      "a named pipe (which would be read forever)",
      (dir) => {
        spawnSync("mkfifo", [path.join(dir, "pipe.xlsx")]);
        return "pipe.xlsx";
      },
      "Cannot read pipe.xlsx: it is a named pipe, not an ordinary file; rule12b1 reads only .xlsx files.",
    ],
    [
      "a device",
      () => "/dev/zero",
      "Cannot read /dev/zero: it is a device, not an ordinary file; rule12b1 reads only .xlsx files.",
    ],
  ];
  for (const [what, make, sentence] of cases)
    it.skipIf(process.platform === "win32")(
      `an input that is ${what}: check exits 2 with "${sentence}"`,
      () => {
        const dir = tempDir();
        const file = make(dir);
        const result = cli(dir, "check", file);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          `Cannot use this input; nothing was written:\n  - ${sentence}\n`
        );
      }
    );

  it("--in-place on a folder or a missing file speaks of it as the input: exit 2, 'Cannot read …'", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "books"));
    const folder = await run({ command: "accrue", file: path.join(dir, "books"), inPlace: true });
    expect(folder.exitCode).toBe(2);
    expect(folder.lines[0]).toBe(
      `Cannot read ${path.join(dir, "books")}: it is a folder, not a workbook.`
    );
    const missing = await run({
      command: "report",
      file: path.join(dir, "none.xlsx"),
      inPlace: true,
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.lines[0]).toBe(`Cannot read ${path.join(dir, "none.xlsx")}: no such file.`);
    expect(leftovers(dir)).toEqual([]);
  });

  it("an input the user may not read (EACCES injected; root reads everything): exit 2, 'permission denied'", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    // The input is read through one open handle (stat and bytes of one version): refuse the open.
    vi.spyOn(fsp, "open").mockRejectedValue(systemError("EACCES", "open", input));
    const outcome = await run({ command: "check", file: input, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines).toEqual([
      "Cannot use this input; nothing was written:",
      `  - Cannot read ${input}: permission denied.`,
    ]);
  });

  it("an operating-system error that reaches the boundary unlocated is still exit 2 with a sentence; any other error is a bug and stays one (exit 3 in the CLI)", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "out.xlsx");
    const toBytes = vi.spyOn(XlsxPackage.prototype, "toBytes");
    toBytes.mockImplementation(() => {
      throw systemError("EMFILE", "open", "/proc/self/fd");
    });
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(
      "The system refused to open /proc/self/fd: too many files are open."
    );
    toBytes.mockImplementation(() => {
      throw new TypeError("a bug");
    });
    await expect(run({ command: "accrue", file: input, out, asOf: AS_OF })).rejects.toThrow(
      "a bug"
    );
    expect(leftovers(dir)).toEqual([]);
  });
});
