/**
 * Runs the production build (`npm run build`) once before the build and
 * browser tests, which read dist/. Skipped when vitest was given only
 * filters that select neither (e.g. `vitest run test/engine`).
 */
import { execFileSync } from "node:child_process";

export default function setup(): void {
  const filters = process.argv
    .slice(2)
    .filter((arg) => !arg.startsWith("-") && arg !== "run" && !arg.endsWith("vitest"));
  const wanted = filters.length === 0 || filters.some((f) => /build|browser/.test(f));
  if (!wanted || process.env.RULE12B1_SKIP_BUILD === "1") return;
  execFileSync("npx", ["webpack", "--mode", "production"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, RULE12B1_URL: "" },
  });
}
