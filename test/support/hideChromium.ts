/**
 * A vitest setup file that makes this machine look like one without Chromium
 * (`--setupFiles test/support/hideChromium.ts`): every path naming chromium
 * is absent to test/support/chromium.ts. The browser itself stays installed —
 * test/taskpane/withoutChromium.test.ts runs the browser tests under it.
 */
import { vi } from "vitest";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const existsSync = (file: import("node:fs").PathLike) =>
    !/chromium/i.test(String(file)) && fs.existsSync(file);
  return { ...fs, default: { ...fs, existsSync }, existsSync };
});
