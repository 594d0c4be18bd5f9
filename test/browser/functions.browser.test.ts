/**
 * The built add-in in headless Debian Chromium (playwright-core, no browser
 * download): dist/ is served from 127.0.0.1, office.js comes from the
 * @microsoft/office-js package (routed from Microsoft's CDN URL), and no
 * request may leave the machine. Proof that the functions bundle runs in a
 * browser runtime with no Node-only APIs, and that the pane says where it works.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_DIR = path.resolve("node_modules/@microsoft/office-js/dist");
/** What office.js fetches outside Office that is none of ours: its telemetry frame and Fabric styles. */
const TELEMETRY_OR_FABRIC =
  /telemetry|oaspapps\.com|fabric|sharepointonline\.com|static\.office\.net/i;
const DIST = path.resolve("dist");
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "text/xml",
};

let server: http.Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
const foreign: string[] = [];
const aborted: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const file = path.join(
      DIST,
      decodeURIComponent(new URL(request.url ?? "/", "http://host").pathname)
    );
    if (!file.startsWith(DIST + path.sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context = await browser.newContext();
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    if (url.startsWith(CDN)) {
      const file = path.join(
        OFFICE_JS_DIR,
        new URL(url).pathname.slice(new URL(CDN).pathname.length)
      );
      if (file.startsWith(OFFICE_JS_DIR) && existsSync(file))
        return route.fulfill({ path: file, contentType: "text/javascript" });
    }
    if (TELEMETRY_OR_FABRIC.test(url)) aborted.push(url);
    else foreign.push(url);
    return route.abort();
  });
  // Stand-in for what Excel's runtime adds and office.js outside Office lacks:
  // CustomFunctions.Error and its codes. office.js extends this object with associate.
  await context.addInitScript(() => {
    class StandInError {
      constructor(
        public code: string,
        public message?: string
      ) {}
    }
    (window as unknown as { CustomFunctions: unknown }).CustomFunctions = {
      Error: StandInError,
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
        nullReference: "#NULL!",
      },
    };
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  expect(foreign, "requests that would leave the machine").toEqual([]);
});

/** Calls the function office.js registered for `id` (CustomFunctions.associate) in the page. */
async function callAssociated(
  page: import("playwright-core").Page,
  id: string,
  args: unknown[]
): Promise<unknown> {
  return page.evaluate(
    ({ id, args }) => {
      const association = (
        window as unknown as {
          CustomFunctions: { _association: { mappings: Record<string, unknown> } };
        }
      ).CustomFunctions._association;
      const registered = association.mappings[id];
      const fn = typeof registered === "function" ? registered : null;
      if (!fn) throw new Error(`${id} is not associated (got ${typeof registered})`);
      try {
        return { value: fn(...args) as unknown };
      } catch (error) {
        const e = error as { code?: string; message?: string };
        return { error: { code: e.code, message: e.message } };
      }
    },
    { id, args }
  );
}

describe("the built add-in in Chromium", () => {
  it("functions.html registers every function in functions.json, and they compute", async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/functions.html`);
    await page.waitForFunction(() => {
      const cf = (
        window as unknown as { CustomFunctions?: { _association?: { mappings?: object } } }
      ).CustomFunctions;
      return Object.keys(cf?._association?.mappings ?? {}).length > 0;
    });
    const ids = (
      JSON.parse(readFileSync("dist/functions.json", "utf8")) as { functions: { id: string }[] }
    ).functions.map((f) => f.id);
    const associated = await page.evaluate(() =>
      Object.keys(
        (window as unknown as { CustomFunctions: { _association: { mappings: object } } })
          .CustomFunctions._association.mappings
      )
    );
    expect(associated.sort()).toEqual([...ids].sort());

    // 4,100,000 for of 6,000,000 present (of 10,000,000): 67% of those present is 4,020,000.
    expect(await callAssociated(page, "MAJORITY", [4_100_000, 6_000_000, 10_000_000])).toEqual({
      value: true,
    });
    expect(
      await callAssociated(page, "MAJORITY", [[[4_000_000]], [[6_000_000]], [[10_000_000]]])
    ).toEqual({ value: false });
    // 2025-08-15 (serial 45884) lapses on 2026-08-15 (45884 + 365).
    expect(await callAssociated(page, "LAPSEDATE", [45884])).toEqual({ value: 45884 + 365 });
    expect(await callAssociated(page, "LAPSEDATE", [null])).toEqual({
      error: { code: "#VALUE!", message: "lastApprovalOrContinuance is blank." },
    });
    // DOMAIN.md accrual example (0.25%, Prior day): NAVs 2, 3, 6, 7 Jan 2025 (serials 45659, 45660, 45663, 45664),
    // the blank row between them shows nothing.
    const dates = [[45659], [45660], [null], [45663], [45664]];
    const netAssets = [[100_000_000], [101_000_000], [null], [99_500_000], [100_200_000]];
    expect(
      await callAssociated(page, "ACCRUAL", [dates, netAssets, 0.0025, null, null, null])
    ).toEqual({
      value: [[0], [2068.49], [""], [691.78], [681.51]],
    });
    expect(
      await callAssociated(page, "ACCRUAL", [
        [[45659], [45659]],
        [[1], [2]],
        0.0025,
        null,
        null,
        null,
      ])
    ).toEqual({
      error: {
        code: "#VALUE!",
        message: "dates, row 2 repeats 2025-01-02 of row 1: keep one NAV per date.",
      },
    });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("the task pane opened outside Excel says to open it from Excel", async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/taskpane.html`);
    await expect
      .poll(() => page.textContent("#status"), { timeout: 20_000 })
      .toContain("Open this add-in from Excel");
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/taskpane-outside-excel.png" });
    // The pane registers the functions too (shared runtime).
    const associated = await page.evaluate(() =>
      Object.keys(
        (window as unknown as { CustomFunctions: { _association: { mappings: object } } })
          .CustomFunctions._association.mappings
      )
    );
    expect(associated).toEqual(expect.arrayContaining(["MAJORITY", "LAPSEDATE"]));
    await page.close();
  });
});
