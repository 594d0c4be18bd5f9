/**
 * The project's vitest config with test/support/hideChromium.ts as a setup
 * file and no build: `npx vitest run --config test/support/hideChromium.config.mts
 * test/taskpane/pane.browser.test.ts` runs the browser tests as a machine
 * without Chromium would.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    env: { TZ: process.env.TZ ?? "UTC" },
    setupFiles: ["test/support/hideChromium.ts"],
  },
});
