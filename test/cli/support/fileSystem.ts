/**
 * File-system faults for the runner's tests: small tmpfs mounts (a full
 * disk, a read-only folder) where the machine allows mounting (root with
 * CAP_SYS_ADMIN, as in `.ci/run`'s container), simulated operating-system
 * errors where it does not, and a look at what a run left behind.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./trustFile";

let mountable: boolean | null = null;

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN); tested once by trying. */
export function canMount(): boolean {
  if (mountable !== null) return mountable;
  if (process.platform !== "linux" || process.getuid?.() !== 0) return (mountable = false);
  const probe = path.join(tempDir(), "probe");
  mkdirSync(probe);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]);
  mountable = mounted.status === 0;
  if (mountable) spawnSync("umount", [probe]);
  return mountable;
}

/** Mounts a tmpfs of `size` (e.g. "64k") at a new folder and returns it. */
export function mountTmpfs(size: string): string {
  const folder = path.join(tempDir(), "mnt");
  mkdirSync(folder);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", folder], {
    encoding: "utf8",
  });
  if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
  return folder;
}

/** Makes a mounted tmpfs read-only (what a read-only bind mount or a locked share looks like). */
export function remountReadOnly(folder: string): void {
  const remounted = spawnSync("mount", ["-o", "remount,ro", folder], { encoding: "utf8" });
  if (remounted.status !== 0) throw new Error(`remount failed: ${remounted.stderr}`);
}

export function unmount(folder: string): void {
  spawnSync("umount", [folder]);
}

/** The runner's temporary and lock files in `folder` (names starting ".~rule12b1-"): none after any run. */
export function leftovers(folder: string): string[] {
  return readdirSync(folder).filter(
    (name) => name.startsWith(".~rule12b1-") || /\.tmp$/.test(name)
  );
}

/** An error as Node reports one from the operating system: `systemError("ENOSPC", "write", "/x")`. */
export function systemError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${syscall} '${file}'`), {
    code,
    syscall,
    path: file,
    errno: -1,
  });
}

/** A pid that was running a moment ago and is not any more (a process that has exited). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "0"]);
  return child.pid!;
}

let otherUser: boolean | null = null;

/**
 * Whether tests can run node as another user (uid 1234): root, and node
 * installed where others may run it (not under /root). Tried once.
 */
export function canRunAsOtherUser(): boolean {
  if (otherUser !== null) return otherUser;
  if (process.getuid?.() !== 0) return (otherUser = false);
  const tried = spawnSync(process.execPath, ["-e", "0"], { uid: 1234, gid: 1234, cwd: "/" });
  return (otherUser = tried.status === 0);
}
