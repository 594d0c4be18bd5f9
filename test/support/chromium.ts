/**
 * Launching the headless Chromium the browser tests use (playwright-core with
 * the system's browser: no browser download). Where there is none, the tests
 * are skipped with one sentence that names the Debian package, not a
 * Playwright launch stack — unless RULE12B1_REQUIRE_BROWSER=1 (set by
 * .ci/run, which installs the package), where a missing browser fails the
 * run with that same sentence.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type LaunchOptions } from "playwright-core";

/** Where Debian (chromium) and Ubuntu (chromium-browser, or the snap) put it; RULE12B1_CHROMIUM first. */
const CANDIDATES = [
  process.env.RULE12B1_CHROMIUM,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
];

/** The sentence a machine without the browser gets. */
export const MISSING_CHROMIUM =
  "The browser tests need Chromium, and there is none at /usr/bin/chromium: install the Debian package chromium (sudo apt-get install chromium), or run bash .ci/run, which installs it.";

/** The browser's path, or null when the machine has none. */
export function chromiumPath(candidates = CANDIDATES): string | null {
  return candidates.find((file): file is string => Boolean(file) && existsSync(file!)) ?? null;
}

/** An error that prints as its one sentence (no stack to scroll through). */
function sentence(text: string): Error {
  const error = new Error(text);
  error.stack = text;
  return error;
}

/**
 * True when the browser tests must be skipped (no browser, not required); prints the
 * sentence once. Throws the sentence when the browser is required and missing.
 *
 * @example
 * describe.skipIf(skipWithoutChromium("functions"))("the built add-in in Chromium", …)
 */
export function skipWithoutChromium(suite: string, candidates = CANDIDATES): boolean {
  if (chromiumPath(candidates) !== null) return false;
  if (process.env.RULE12B1_REQUIRE_BROWSER === "1") throw sentence(MISSING_CHROMIUM);
  console.warn(`${suite} skipped. ${MISSING_CHROMIUM}`);
  return true;
}

/** The flags every test browser runs with: headless, no sandbox (containers), nothing phoning home. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts the system's Chromium headless; a browser that is missing or will
 * not start is one sentence, naming the package.
 *
 * @example
 * const browser = await launchChromium();
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? chromiumPath();
  if (executablePath === null || !existsSync(executablePath)) throw sentence(MISSING_CHROMIUM);
  try {
    return await chromium.launch({ args: CHROMIUM_ARGS, ...options, executablePath });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw sentence(
      `Chromium at ${executablePath} did not start (${first}): reinstall the Debian package chromium (sudo apt-get install --reinstall chromium).`
    );
  }
}
