/**
 * One version a user can see (issue 15): package.json's "version" is the only
 * place it is written; the code, `rule12b1 --version`, the manifest and the
 * changelog follow it. The pane's footer is checked in
 * test/taskpane/pane.browser.test.ts, the report's audit block in
 * test/hardening/auditTrail.test.ts.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { RULE12B1_VERSION } from "../../src/workbook/version";
import { builtCli } from "../cli/support/builtCli";
import { child, parseManifest } from "./manifestXml";

const root = path.resolve(__dirname, "../..");
const packageVersion = (
  JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }
).version;

describe("one version everywhere", () => {
  it("package.json's version is a release number (major.minor.patch)", () => {
    expect(packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("the code's RULE12B1_VERSION is package.json's", () => {
    expect(RULE12B1_VERSION).toBe(packageVersion);
  });

  it("rule12b1 --version prints package.json's version and exits 0", () => {
    const result = spawnSync(process.execPath, [builtCli(), "--version"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${packageVersion}\n`);
  });

  it("the manifest's <Version> is package.json's with a fourth part of 0", () => {
    const manifest = parseManifest(path.join(root, "manifest.xml"));
    expect(child(manifest.documentElement as Element, "Version").textContent).toBe(
      `${packageVersion}.0`
    );
  });

  it("CHANGELOG.md's latest release is package.json's version", () => {
    const changelog = readFileSync(path.join(root, "CHANGELOG.md"), "utf8");
    const releases = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/gm)];
    expect(releases[0]?.[1]).toBe(packageVersion);
  });
});
