/**
 * README's second command, `bash .ci/run`, on a fresh Debian machine (issue
 * 23): it installs the Debian packages the tests need when they are missing
 * — through sudo, saying so, when not root — then runs `npm ci` and
 * `npm test` with the browser required. Run here with every program it calls
 * replaced by a stub that logs its arguments, so nothing is installed.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** A PATH of stubs: `present` commands exist; `uid` is what `id -u` says. */
function fakeMachine(options: { uid: number; present: string[]; sudo: boolean }) {
  const dir = mkdtempSync(path.join(tmpdir(), "rule12b1-ci-"));
  const log = path.join(dir, "calls.log");
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(dir, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  };
  const logged = (name: string) => stub(name, `echo "${name} $*" >> "${log}"`);
  for (const real of ["dirname", "env"]) symlinkSync(`/usr/bin/${real}`, path.join(dir, real));
  stub("id", `echo ${options.uid}`);
  stub("node", "exit 0");
  stub("python3", options.present.includes("openpyxl") ? "exit 0" : "exit 1");
  logged("apt-get");
  stub("npm", `echo "npm $*\${RULE12B1_REQUIRE_BROWSER:+ (browser required)}" >> "${log}"`);
  if (options.sudo) stub("sudo", `echo "sudo $*" >> "${log}"; "$@"`);
  for (const name of options.present.filter((p) => p !== "openpyxl")) logged(name);
  const run = spawnSync("/bin/bash", [".ci/run"], {
    env: { PATH: dir, HOME: dir },
    encoding: "utf8",
  });
  let calls: string[] = [];
  try {
    calls = readFileSync(log, "utf8").trim().split("\n").filter(Boolean);
  } catch {
    calls = [];
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, calls };
}

const EVERYTHING = ["chromium", "soffice", "pdftoppm", "openpyxl"];

describe("bash .ci/run on a fresh machine", () => {
  it("as a user with sudo and nothing installed: says so, installs every package through sudo, then npm ci and npm test", () => {
    const machine = fakeMachine({ uid: 1000, present: [], sudo: true });
    expect(machine.status, machine.stderr).toBe(0);
    expect(machine.stdout).toContain(
      "not running as root: installing chromium libreoffice-calc-nogui fonts-liberation fonts-dejavu-core poppler-utils python3-openpyxl with sudo"
    );
    expect(machine.calls).toContain("sudo apt-get update");
    expect(machine.calls).toContain("apt-get install -y chromium");
    expect(machine.calls).toContain(
      "apt-get install -y --no-install-recommends libreoffice-calc-nogui fonts-liberation fonts-dejavu-core poppler-utils python3-openpyxl"
    );
    expect(machine.calls.slice(-2)).toEqual(["npm ci", "npm test (browser required)"]);
  });

  it("as root: installs without sudo", () => {
    const machine = fakeMachine({
      uid: 0,
      present: ["soffice", "pdftoppm", "openpyxl"],
      sudo: false,
    });
    expect(machine.status, machine.stderr).toBe(0);
    expect(machine.calls).toEqual([
      "apt-get update",
      "apt-get install -y chromium",
      "npm ci",
      "npm test (browser required)",
    ]);
  });

  it("with everything installed: installs nothing", () => {
    const machine = fakeMachine({ uid: 1000, present: EVERYTHING, sudo: false });
    expect(machine.status, machine.stderr).toBe(0);
    expect(machine.calls).toEqual(["npm ci", "npm test (browser required)"]);
  });

  it("as a user without sudo: one sentence naming the packages, and exit 2", () => {
    const machine = fakeMachine({
      uid: 1000,
      present: ["soffice", "pdftoppm", "openpyxl"],
      sudo: false,
    });
    expect(machine.status).toBe(2);
    expect(machine.stdout.trim()).toBe(
      "rule12b1 .ci/run: the tests need the Debian packages chromium; run as root, or install sudo, or install them yourself: apt-get install chromium"
    );
    expect(machine.calls).toEqual([]);
  });
});
