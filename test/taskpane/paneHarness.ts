/**
 * The built task pane (dist/) served on 127.0.0.1 and opened in headless
 * Debian Chromium, with office.js replaced by the Excel stand-in
 * (test/support/excelStandInBrowser.ts, bundled with esbuild) — or, for the
 * outside-Excel cases, by nothing or by another script. Requests that would
 * leave the machine are refused and collected. The browser is started by
 * test/support/chromium.ts, first: where there is none, one sentence naming
 * the chromium package, before anything is built or served.
 */
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/chromium";

const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const DIST = path.resolve("dist");
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
};

export interface PaneHarness {
  /**
   * Opens the pane 350 px wide. `office`: "stand-in" (inside Excel, the default), "missing"
   * (office.js cannot load) or a script served in its place. `before` runs in the page first.
   */
  open(options?: {
    office?: "stand-in" | "missing" | { script: string };
    height?: number;
    before?: string;
    waitFor?: string | null;
  }): Promise<{ page: Page; errors: string[] }>;
  /** Requests that would have left the machine. */
  foreign: string[];
  close(): Promise<void>;
}

export async function startPaneHarness(): Promise<PaneHarness> {
  const browser: Browser = await launchChromium();
  const bundle = await build({
    entryPoints: ["test/support/excelStandInBrowser.ts"],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
  });
  const stub = bundle.outputFiles[0]!.text;
  const server = http.createServer((request, response) => {
    const file = path.join(
      DIST,
      decodeURIComponent(new URL(request.url ?? "/", "http://host").pathname)
    );
    if (!file.startsWith(DIST + path.sep) || !existsSync(file))
      return void response.writeHead(404).end();
    response
      .writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const foreign: string[] = [];
  return {
    foreign,
    async open(options = {}) {
      const office = options.office ?? "stand-in";
      const context = await browser.newContext({
        viewport: { width: 350, height: options.height ?? 1000 },
      });
      await context.route("**/*", async (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`)) return route.continue();
        if (url.startsWith(CDN)) {
          if (office === "missing") return route.abort();
          const body = office === "stand-in" ? stub : office.script;
          return route.fulfill({ body, contentType: "text/javascript" });
        }
        foreign.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      if (options.before) await page.addInitScript(options.before);
      await page.goto(`${origin}/taskpane.html`);
      const waitFor = options.waitFor === undefined ? "Compute accruals" : options.waitFor;
      if (waitFor) await page.getByRole("button", { name: waitFor }).waitFor({ timeout: 20_000 });
      return { page, errors };
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Evaluates `script` with `wb`, the stand-in's workbook, in the page. */
export const inWorkbook = (page: Page, script: string) =>
  page.evaluate(`(() => { const wb = window.__standIn.workbook; return ${script}; })()`);
