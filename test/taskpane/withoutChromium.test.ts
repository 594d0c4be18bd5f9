/**
 * The browser tests on a machine without Chromium (issue 23): each file is
 * skipped with the one sentence naming the Debian package chromium, and
 * where the browser is required (.ci/run) the run fails with that sentence —
 * never a Playwright launch stack. The browser tests are run in a child
 * vitest under test/support/hideChromium.config.mts, which hides every
 * chromium path from test/support/chromium.ts (the browser stays installed).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MISSING_CHROMIUM } from "../support/chromium";

/** Every browser test file: the pane's and the functions'. */
const BROWSER_TESTS = ["test/taskpane", "test/browser"].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".browser.test.ts"))
    .map((name) => `${dir}/${name}`)
);

/** Runs `files` in a child vitest as a machine without Chromium; its exit status and all it printed. */
function runWithoutChromium(files: string[], requireBrowser: boolean) {
  // The child is a run of its own, not a worker of this one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST"))
  );
  const child = spawnSync(
    process.execPath,
    [
      path.resolve("node_modules/vitest/vitest.mjs"),
      "run",
      "--config",
      "test/support/hideChromium.config.mts",
      ...files,
    ],
    {
      encoding: "utf8",
      env: {
        ...env,
        RULE12B1_REQUIRE_BROWSER: requireBrowser ? "1" : "",
        NO_COLOR: "1",
        VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
      },
      timeout: 120_000,
    }
  );
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

/** Lines of a launch stack or of Playwright's launch log. */
const STACKISH = /^\s+at |browserType\.launch|Call log|Executable doesn't exist/m;

describe("the browser tests without Chromium", () => {
  it("every browser test file is skipped with the one sentence naming the chromium package, and the run passes", () => {
    expect(BROWSER_TESTS).toContain("test/taskpane/pane.browser.test.ts");
    const { status, output } = runWithoutChromium(BROWSER_TESTS, false);
    expect(status, output).toBe(0);
    for (const file of BROWSER_TESTS) expect(output).toMatch(new RegExp(`↓ ${file}`));
    const sentences = output.split("\n").filter((line) => line.endsWith(MISSING_CHROMIUM));
    expect(sentences.length).toBe(BROWSER_TESTS.length);
    expect(output).not.toMatch(STACKISH);
  }, 150_000);

  it("where the browser is required (.ci/run), the pane's browser tests fail with that sentence, not a stack", () => {
    const { status, output } = runWithoutChromium(["test/taskpane/pane.browser.test.ts"], true);
    expect(status).toBe(1);
    expect(output).toContain(`Error: ${MISSING_CHROMIUM}`);
    expect(output).not.toMatch(STACKISH);
  }, 150_000);

  it("no test launches Chromium but through test/support/chromium.ts", () => {
    const files = ["test/taskpane", "test/browser", "test/support"].flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith(".ts") && name !== "chromium.ts")
        .map((name) => `${dir}/${name}`)
    );
    const direct = files.filter((file) =>
      /chromium\.launch\(|executablePath:\s*"\/usr\/bin\/chromium"/.test(readFileSync(file, "utf8"))
    );
    expect(direct).toEqual([]);
  });
});
