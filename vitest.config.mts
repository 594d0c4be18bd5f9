import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Dates must never depend on the machine's zone (STYLE §15): the suite runs
    // under UTC here and `npm run test:tz` repeats it in an awkward zone.
    env: { TZ: process.env.TZ ?? "UTC" },
    testTimeout: 60_000,
    // One production build into dist/ for test/build and test/browser.
    globalSetup: ["test/build/globalSetup.ts"],
  },
});
