/**
 * How the runner replaces a workbook (issue 13, "Safe writes"): the mode and
 * owner are kept, a symbolic link is followed to the real file and stays a
 * link, an output that is not an ordinary file is refused, and the new file
 * is flushed to the disk before the rename and the folder after it.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  promises as fsp,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  linkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/run";
import { writeFileSafely } from "../../src/cli/files/writeFileSafely";
import { builtCli } from "./support/builtCli";
import { canRunAsOtherUser, leftovers, systemError } from "./support/fileSystem";
import { tempDir, writeTrust } from "./support/trustFile";

const AS_OF = "2026-11-28";
const isRoot = process.getuid?.() === 0;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Whether the workbook at `file` has the accrual columns (accrue's defined name). */
async function hasAccrualColumns(file: string): Promise<boolean> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return (await zip.file("xl/workbook.xml")!.async("string")).includes("rule12b1_AccrualColumns");
}

describe("mode and owner", () => {
  it("--in-place keeps a mode-600 workbook at mode 600 (not widened to 644 by the umask default)", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    chmodSync(input, 0o600);
    const outcome = await run({ command: "accrue", file: input, inPlace: true, asOf: AS_OF });
    expect(outcome.exitCode).toBe(0);
    expect(statSync(input).mode & 0o7777).toBe(0o600);
    expect(await hasAccrualColumns(input)).toBe(true);
  });

  it.skipIf(!isRoot)(
    "--in-place as root on a mode-600 workbook owned by uid 1234, gid 2345: still 600, 1234, 2345",
    async () => {
      const dir = tempDir();
      const input = await writeTrust(dir);
      chmodSync(input, 0o600);
      chownSync(input, 1234, 2345);
      const outcome = await run({ command: "accrue", file: input, inPlace: true, asOf: AS_OF });
      expect(outcome.exitCode).toBe(0);
      const after = statSync(input);
      expect([after.mode & 0o7777, after.uid, after.gid]).toEqual([0o600, 1234, 2345]);
      expect(await hasAccrualColumns(input)).toBe(true);
    }
  );

  it.skipIf(!isRoot)(
    "-o onto an existing file of another owner keeps its owner and mode too (0640, uid 1234)",
    async () => {
      const dir = tempDir();
      const input = await writeTrust(dir);
      const out = await writeTrust(dir, "out.xlsx");
      chmodSync(out, 0o640);
      chownSync(out, 1234, 1234);
      expect((await run({ command: "accrue", file: input, out, asOf: AS_OF })).exitCode).toBe(0);
      const after = statSync(out);
      expect([after.mode & 0o7777, after.uid, after.gid]).toEqual([0o640, 1234, 1234]);
    }
  );

  it.skipIf(!canRunAsOtherUser())(
    "a user who cannot keep the owner (uid 1234 on a file of uid 4321, in a shared folder) gets exit 2 and the sentence; the file is untouched",
    async () => {
      const dir = tempDir();
      chmodSync(dir, 0o777);
      const input = await writeTrust(dir);
      chmodSync(input, 0o666);
      chownSync(input, 4321, 4321);
      const before = readFileSync(input);
      const cli = builtCli();
      chmodSync(path.dirname(cli), 0o755); // the other user must be able to run it
      const result = spawnSync(
        process.execPath,
        [cli, "accrue", input, "--in-place", "--as-of", AS_OF],
        { cwd: dir, encoding: "utf8", uid: 1234, gid: 1234 }
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `Cannot write ${input}: it belongs to user 4321, group 4321, and rule12b1 (running as user 1234) cannot keep that owner on the new version. Run it as the file's owner, or write a copy with -o.\nNothing was changed.\n`
      );
      expect(readFileSync(input).equals(before)).toBe(true);
      expect(leftovers(dir)).toEqual([]);
    }
  );

  it.skipIf(!canRunAsOtherUser())(
    "a workbook its owner made read-only (mode 444) is not replaced through the writable folder: exit 2 and the sentence",
    async () => {
      const dir = tempDir();
      chmodSync(dir, 0o777);
      const input = await writeTrust(dir);
      chownSync(input, 1234, 1234);
      chmodSync(input, 0o444);
      const before = readFileSync(input);
      const cli = builtCli();
      chmodSync(path.dirname(cli), 0o755);
      const result = spawnSync(
        process.execPath,
        [cli, "report", input, "--in-place", "--as-of", AS_OF],
        { cwd: dir, encoding: "utf8", uid: 1234, gid: 1234 }
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `Cannot write ${input}: it is read-only (mode 444); make it writable first if it should change.\nNothing was changed.\n`
      );
      expect(readFileSync(input).equals(before)).toBe(true);
      expect(leftovers(dir)).toEqual([]);
    }
  );
});

describe("a folder the user may not create files in", () => {
  it.skipIf(!canRunAsOtherUser())(
    "--in-place by uid 1234 on a writable workbook in root's folder: exit 2, the sentence says why the folder matters",
    async () => {
      const dir = tempDir();
      chmodSync(dir, 0o755);
      const input = await writeTrust(dir);
      chmodSync(input, 0o666);
      const before = readFileSync(input);
      const cli = builtCli();
      chmodSync(path.dirname(cli), 0o755);
      const result = spawnSync(
        process.execPath,
        [cli, "accrue", input, "--in-place", "--as-of", AS_OF],
        {
          cwd: dir,
          encoding: "utf8",
          uid: 1234,
          gid: 1234,
        }
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `Cannot write ${input}: permission denied; rule12b1 writes the new version beside it in ${dir} and renames it over the old one, and this user may not create files there.\nNothing was changed.\n`
      );
      expect(readFileSync(input).equals(before)).toBe(true);
    }
  );
});

describe("symbolic links", () => {
  it("--in-place on a link writes the workbook it points to, and the link stays a link", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "2026"));
    const real = await writeTrust(path.join(dir, "2026"));
    const link = path.join(dir, "latest.xlsx");
    symlinkSync(path.join("2026", "trust.xlsx"), link);
    const outcome = await run({ command: "accrue", file: link, inPlace: true, asOf: AS_OF });
    expect(outcome.exitCode).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join("2026", "trust.xlsx"));
    expect(await hasAccrualColumns(real)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    expect(leftovers(path.join(dir, "2026"))).toEqual([]);
  });

  it("-o through a chain of two links, the last one dangling, creates the file at the end of the chain", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    symlinkSync("second.xlsx", path.join(dir, "first.xlsx"));
    symlinkSync("final.xlsx", path.join(dir, "second.xlsx"));
    const outcome = await run({
      command: "accrue",
      file: input,
      out: path.join(dir, "first.xlsx"),
      asOf: AS_OF,
    });
    expect(outcome.exitCode).toBe(0);
    expect(lstatSync(path.join(dir, "first.xlsx")).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, "second.xlsx")).isSymbolicLink()).toBe(true);
    expect(await hasAccrualColumns(path.join(dir, "final.xlsx"))).toBe(true);
  });

  it("-o naming the input through a link (or a hard link) is refused: exit 2, use --in-place", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const before = readFileSync(input);
    symlinkSync("trust.xlsx", path.join(dir, "alias.xlsx"));
    linkSync(input, path.join(dir, "hard.xlsx"));
    for (const name of ["alias.xlsx", "hard.xlsx"]) {
      const out = path.join(dir, name);
      const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
      expect(outcome.exitCode).toBe(2);
      expect(outcome.lines[1]).toBe(
        `  - -o ${out} is the input itself under another name; use --in-place to change it.`
      );
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("--in-place or -o on a file with a second name (a hard link) is refused: exit 2, both names keep the same workbook", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const other = path.join(dir, "copy-for-the-board.xlsx");
    linkSync(input, other);
    const before = readFileSync(input);
    const inPlace = await run({ command: "accrue", file: input, inPlace: true, asOf: AS_OF });
    expect(inPlace.exitCode).toBe(2);
    expect(inPlace.data.problems).toEqual([
      `Cannot write ${input}: the file has 2 names (hard links), and writing it would change it under this name only — the other name would keep the old workbook. Write to a new file with -o, or remove the other links first.`,
    ]);
    const source = path.join(dir, "source.xlsx");
    writeFileSync(source, before);
    const out = await run({ command: "accrue", file: source, out: other, asOf: AS_OF });
    expect(out.exitCode).toBe(2);
    expect(statSync(input).ino).toBe(statSync(other).ino);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a link loop is exit 2 with a sentence", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    symlinkSync("b.xlsx", path.join(dir, "a.xlsx"));
    symlinkSync("a.xlsx", path.join(dir, "b.xlsx"));
    const out = path.join(dir, "a.xlsx");
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(`Cannot write ${out}: its symbolic links go round in a loop.`);
  });
});

describe("outputs that are not ordinary files", () => {
  it("-o /dev/null is refused with exit 2, and /dev/null stays a device", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const outcome = await run({ command: "accrue", file: input, out: "/dev/null", asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines).toEqual([
      "Cannot write /dev/null: it is a device, not an ordinary file; rule12b1 writes only .xlsx files.",
      "Nothing was changed.",
    ]);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it.skipIf(!isRoot)(
    "-o naming a device node made for the test is refused; the node stays",
    async () => {
      const dir = tempDir();
      const input = await writeTrust(dir);
      const node = path.join(dir, "device.xlsx");
      const made = spawnSync("mknod", [node, "c", "1", "3"]);
      if (made.status !== 0) return; // a container without mknod rights: /dev/null above covers it
      const outcome = await run({ command: "report", file: input, out: node, asOf: AS_OF });
      expect(outcome.exitCode).toBe(2);
      expect(outcome.lines[0]).toBe(
        `Cannot write ${node}: it is a device, not an ordinary file; rule12b1 writes only .xlsx files.`
      );
      expect(lstatSync(node).isCharacterDevice()).toBe(true);
    }
  );

  it("-o naming a named pipe is refused (exit 2) and the pipe is left a pipe", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const pipe = path.join(dir, "pipe.xlsx");
    spawnSync("mkfifo", [pipe]);
    const outcome = await run({ command: "accrue", file: input, out: pipe, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(
      `Cannot write ${pipe}: it is a named pipe, not an ordinary file; rule12b1 writes only .xlsx files.`
    );
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });
});

describe("a workbook open in Excel or LibreOffice", () => {
  it("--in-place while LibreOffice's owner file is beside it: exit 2 naming who has it open, the workbook untouched", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const before = readFileSync(input);
    const owner = path.join(dir, ".~lock.trust.xlsx#");
    writeFileSync(
      owner,
      "Ann Smith,ann,ledger-01,01.12.2026 09:00,file:///home/ann/.config/libreoffice/4;"
    );
    const outcome = await run({ command: "accrue", file: input, inPlace: true, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(
      `Cannot write ${input}: it is open in LibreOffice by Ann Smith on ledger-01, and saving it there would undo this run. Close it there first, or write a copy with -o (if no one has it open, delete ${owner}).`
    );
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("-o over an existing workbook open in Excel (its ~$ owner file): exit 2; a new -o file is written as usual", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = await writeTrust(dir, "report.xlsx");
    const owner = path.join(dir, "~$report.xlsx");
    writeFileSync(
      owner,
      Buffer.concat([Buffer.from([3]), Buffer.from("Ann"), Buffer.alloc(50, 0x20)])
    );
    const outcome = await run({ command: "accrue", file: input, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toBe(
      `Cannot write ${out}: it is open in Excel by Ann, and saving it there would undo this run. Close it there first, or write a copy with -o (if no one has it open, delete ${owner}).`
    );
    const fresh = path.join(dir, "fresh.xlsx");
    expect((await run({ command: "accrue", file: input, out: fresh, asOf: AS_OF })).exitCode).toBe(
      0
    );
  });
});

describe("durability", () => {
  it.skipIf(process.platform !== "linux")(
    "the temporary file is flushed before the rename and the folder after it",
    async () => {
      const dir = tempDir();
      const file = path.join(dir, "book.xlsx");
      const events: string[] = [];
      const handle = await fsp.open(dir, "r");
      const prototype = Object.getPrototypeOf(handle) as {
        sync: (this: { fd: number }) => Promise<void>;
      };
      await handle.close();
      const sync = prototype.sync;
      vi.spyOn(prototype, "sync").mockImplementation(function (this: { fd: number }) {
        events.push(`sync ${path.basename(readlinkSync(`/proc/self/fd/${this.fd}`))}`);
        return sync.call(this);
      });
      const rename = fsp.rename;
      vi.spyOn(fsp, "rename").mockImplementation(async (from, to) => {
        events.push(`rename ${path.basename(String(from))} → ${path.basename(String(to))}`);
        return rename(from, to);
      });
      await writeFileSafely(file, Buffer.from("PK…"));
      const temporary = `.~rule12b1-book.xlsx-${process.pid}.tmp`;
      expect(events).toEqual([
        `sync ${temporary}`,
        `rename ${temporary} → book.xlsx`,
        `sync ${path.basename(dir)}`,
      ]);
      expect(readFileSync(file, "utf8")).toBe("PK…");
    }
  );

  it("a failed fsync (EIO) leaves the old file and no temporary file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "book.xlsx");
    await writeFileSafely(file, Buffer.from("old"));
    const handle = await fsp.open(file, "r");
    const prototype = Object.getPrototypeOf(handle) as { sync: () => Promise<void> };
    await handle.close();
    vi.spyOn(prototype, "sync").mockRejectedValue(systemError("EIO", "fsync", file));
    await expect(writeFileSafely(file, Buffer.from("new"))).rejects.toThrow(
      `Cannot write ${file}: the disk reported an input/output error.`
    );
    expect(readFileSync(file, "utf8")).toBe("old");
    expect(leftovers(dir)).toEqual([]);
  });
});
