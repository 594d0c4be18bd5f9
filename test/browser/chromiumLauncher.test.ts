/**
 * Two commands on a fresh machine (issue 23): without Debian's Chromium the
 * browser tests say so in one sentence naming the package to install, not
 * with a Playwright launch stack.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  chromiumPath,
  launchChromium,
  MISSING_CHROMIUM,
  skipWithoutChromium,
} from "../support/chromium";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("the browser tests' launcher (test/support/chromium.ts)", () => {
  it("a machine without the browser skips the browser tests with one sentence naming the package", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubEnv("RULE12B1_REQUIRE_BROWSER", "");
    expect(chromiumPath(["/nonexistent/chromium"])).toBeNull();
    expect(skipWithoutChromium("The pane's browser tests", ["/nonexistent/chromium"])).toBe(true);
    expect(warn).toHaveBeenCalledWith(`The pane's browser tests skipped. ${MISSING_CHROMIUM}`);
    expect(MISSING_CHROMIUM).toMatch(/install the Debian package chromium/);
    expect(MISSING_CHROMIUM).not.toContain("\n");
  });

  it("where the browser is required (.ci/run), its absence fails with that sentence and no stack", () => {
    vi.stubEnv("RULE12B1_REQUIRE_BROWSER", "1");
    let thrown: unknown;
    try {
      skipWithoutChromium("x", ["/nonexistent/chromium"]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).stack).toBe(MISSING_CHROMIUM);
  });

  it("a browser that is missing or will not start is one sentence, not Playwright's launch log", async () => {
    await expect(launchChromium({ executablePath: "/nonexistent/chromium" })).rejects.toThrow(
      MISSING_CHROMIUM
    );
    const failed = await launchChromium({ executablePath: "/bin/false", timeout: 10_000 }).catch(
      (error: Error) => error
    );
    expect(failed).toBeInstanceOf(Error);
    const text = (failed as Error).stack ?? "";
    expect(text).toMatch(
      /^Chromium at \/bin\/false did not start \(.*\): reinstall the Debian package chromium/
    );
    expect(text).not.toContain("\n");
  });
});
