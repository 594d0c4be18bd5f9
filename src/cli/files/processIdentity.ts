/**
 * Who is running, precisely enough to tell later whether that run is still
 * alive: the pid, the host, and — on Linux — the process's start time, so a
 * pid reused by an unrelated process after a crash is not mistaken for the
 * run that left a lock or a temporary file behind.
 */
import { readFileSync } from "node:fs";
import os from "node:os";

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Start time in clock ticks since boot (`/proc/<pid>/stat` field 22), or null off Linux. */
  startTicks: string | null;
}

/**
 * The start time the kernel records for `pid`, or null (no /proc, or no such process).
 *
 * `processStartTicks(process.pid)` → "59176" on Linux.
 */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may itself hold spaces or ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** This process: `currentProcess()` → `{ pid: 4242, host: "ledger-01", startTicks: "59176" }`. */
export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, host: os.hostname(), startTicks: processStartTicks(process.pid) };
}

/**
 * Whether the process `who` names is certainly gone: on this host, and its
 * pid is not running, or is running but started at another time (reused).
 * A process on another host cannot be checked from here, so it is never
 * "certainly gone".
 *
 * `isCertainlyGone({ pid: 999999, host: os.hostname(), startTicks: null })` → true.
 */
export function isCertainlyGone(who: {
  pid: number;
  host: string;
  startTicks?: string | null;
}): boolean {
  return who.host === os.hostname() && isLocalProcessGone(who.pid, who.startTicks ?? null);
}

/**
 * Whether no process with `pid` runs on this host (or one does, but started
 * at another time than `startTicks`, so the pid was reused).
 *
 * `isLocalProcessGone(process.pid)` → false.
 */
export function isLocalProcessGone(pid: number, startTicks: string | null = null): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  const ticks = processStartTicks(pid);
  return ticks !== null && startTicks !== null && ticks !== startTicks;
}
