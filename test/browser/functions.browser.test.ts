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
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, skipWithoutChromium } from "../support/chromium";

/** No browser on this machine: skipped with one sentence naming the package (test/support/chromium.ts). */
const SKIP = skipWithoutChromium("The functions' browser tests");
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

interface StandInWindow {
  mappings: Record<string, (...args: unknown[]) => unknown>;
  dateAsked: number;
}

/**
 * office.js as Excel's shared runtime provides it, for a workbook in the 1904 system: Office
 * (host Excel), an Excel.RequestContext whose DATE(1904,1,1) is 0, and CustomFunctions with associate.
 */
const STAND_IN_OFFICE_1904 = `
  window.mappings = {};
  window.dateAsked = 0;
  class StandInError { constructor(code, message) { this.code = code; this.message = message; } }
  window.CustomFunctions = {
    associate: (id, fn) => { window.mappings[id] = fn; },
    Error: StandInError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!", nullReference: "#NULL!" },
  };
  window.Office = {
    HostType: { Excel: "Excel" },
    onReady: () => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }),
  };
  window.Excel = {
    RequestContext: class {
      constructor() {
        const results = [];
        this.workbook = { functions: { date: () => {
          window.dateAsked += 1;
          const result = { value: undefined, load: () => result };
          results.push(result);
          return result;
        } } };
        // DATE(1904,1,1) is serial 0 in a 1904 workbook; values arrive at sync, as in office-js.
        this.sync = async () => results.forEach((result) => (result.value = 0));
      }
    },
  };
`;

let server: http.Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
const foreign: string[] = [];
const aborted: string[] = [];

beforeAll(async () => {
  if (SKIP) return;
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
  browser = await launchChromium();
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

describe.skipIf(SKIP)("the built add-in in Chromium", () => {
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
      await callAssociated(page, "ACCRUAL", [dates, netAssets, [[0.0025]], null, null, null])
    ).toEqual({
      value: [[0], [2068.49], [""], [691.78], [681.51]],
    });
    expect(
      await callAssociated(page, "ACCRUAL", [
        [[45659], [45659]],
        [[1], [2]],
        [[0.0025]],
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

  it("the new functions compute in the built bundle: FEES, EFFECTIVERATE, DAYSINEFFECT, a rate schedule, Catch-up", async () => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/functions.html`);
    await page.waitForFunction(() => {
      const cf = (
        window as unknown as { CustomFunctions?: { _association?: { mappings?: object } } }
      ).CustomFunctions;
      return "FEES" in (cf?._association?.mappings ?? {});
    });
    // DOMAIN.md: NAVs of 2, 3, 6, 7 Jan 2025 (serials 45659, 45660, 45663, 45664) at 0.25%.
    const dates = [[45659], [45660], [45663], [45664]];
    const netAssets = [[100_000_000], [101_000_000], [99_500_000], [100_200_000]];
    // 2–7 Jan, Prior day: 684.9315… + 3 × 691.7808… + 681.5068… = 3,441.7808… → 3,441.78.
    expect(await callAssociated(page, "FEES", [dates, netAssets, [[0.0025]]])).toEqual({
      value: 3441.78,
    });
    // 0.35% from Monday 6 Jan: Monday books 101M × .0035 ÷ 365 = 968.4931… (cumulative 3,036.99 − 2,068.49).
    const schedule = [
      [45658, 0.0025],
      [45663, 0.0035],
    ];
    expect(await callAssociated(page, "ACCRUAL", [dates, netAssets, schedule])).toEqual({
      value: [[0], [2068.49], [968.5], [954.11]],
    });
    // Catch-up through 7 Jan: Monday's row books 4–6 Jan on Friday's NAV, 2,760.27 − 684.93.
    expect(
      await callAssociated(page, "ACCRUAL", [
        dates,
        netAssets,
        [[0.0025]],
        null,
        null,
        45664,
        "Catch-up",
      ])
    ).toEqual({ value: [[0], [684.93], [2075.34], [681.51]] });
    // 3,441.78 over 3–7 Jan on prior-day ADNA 100,500,000: 3,441.78 × 365 ÷ 502,500,000.
    const rate = (await callAssociated(page, "EFFECTIVERATE", [
      dates,
      netAssets,
      [[3441.78]],
      45660,
      45664,
      "Prior day",
    ])) as { value: number };
    expect(rate.value).toBeCloseTo((3441.78 * 365) / 502_500_000, 15);
    // Approval 15 Aug 2025 (45884): in effect 1 Jul – 14 Aug 2026 of Q3 2026 (46204–46295) = 45 days.
    expect(await callAssociated(page, "DAYSINEFFECT", [46204, 46295, [[45884]], null])).toEqual({
      value: 45,
    });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("in a 1904 workbook the functions ask Excel for the date system and read dates in it", async () => {
    // Inside Excel: office.js replaced by a stand-in whose Excel.RequestContext answers DATE(1904,1,1) = 0.
    const excel = await browser.newContext();
    await excel.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      if (url.startsWith(CDN))
        return route.fulfill({ contentType: "text/javascript", body: STAND_IN_OFFICE_1904 });
      foreign.push(url);
      return route.abort();
    });
    const page = await excel.newPage();
    await page.goto(`${origin}/functions.html`);
    await page.waitForFunction(() => "LAPSEDATE" in (window as unknown as StandInWindow).mappings);
    const call = (id: string, args: unknown[]) =>
      page.evaluate(
        async ({ id, args }) => {
          const fn = (window as unknown as StandInWindow).mappings[id]!;
          try {
            return { value: (await fn(...args)) as unknown };
          } catch (error) {
            return { error: (error as { code?: string }).code };
          }
        },
        { id, args }
      );
    // 15 Aug 2025 is 1904-system serial 45884 − 1462 = 44422; it lapses 365 days later.
    expect(await call("LAPSEDATE", [44422])).toEqual({ value: 44422 + 365 });
    // The same NAV days as above, 1,462 smaller: the same fees.
    const dates1904 = [[45659 - 1462], [45660 - 1462], [45663 - 1462], [45664 - 1462]];
    const netAssets = [[100_000_000], [101_000_000], [99_500_000], [100_200_000]];
    expect(await call("FEES", [dates1904, netAssets, [[0.0025]]])).toEqual({ value: 3441.78 });
    expect(await page.evaluate(() => (window as unknown as StandInWindow).dateAsked)).toBe(1);
    await excel.close();
  });

  it("every function's help link opens its own section of the served help page", async () => {
    const metadata = JSON.parse(readFileSync("dist/functions.json", "utf8")) as {
      functions: { id: string; helpUrl?: string }[];
    };
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    // The production build points the links at the deployment host (RULE12B1_URL, here the default).
    const base = "https://rule12b1.example.com/help/functions.html#";
    await page.goto(`${origin}/help/functions.html`);
    for (const f of metadata.functions) {
      expect(f.helpUrl, f.id).toBe(`${base}${f.id.toLowerCase()}`);
      const heading = await page.$eval(`[id="${f.id.toLowerCase()}"]`, (element) => ({
        tag: element.tagName,
        text: element.textContent,
      }));
      expect(heading, f.id).toEqual({ tag: "H3", text: f.id });
    }
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (element) =>
      element.getAttribute("content")
    );
    expect(csp).toContain("default-src 'none'");
    expect(await page.$$("script")).toHaveLength(0);
    await page.setViewportSize({ width: 350, height: 700 });
    await page.goto(`${origin}/help/functions.html#fees`);
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/help-fees.png" });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("the help page reads at 350 px in the pane's light and dark themes, with a table of contents, for accountants", async () => {
    // The pane's Fluent themes (webLightTheme / webDarkTheme): colorNeutralBackground1 and Foreground1.
    const themes = {
      light: { background: "rgb(255, 255, 255)", text: "rgb(36, 36, 36)" },
      dark: { background: "rgb(41, 41, 41)", text: "rgb(255, 255, 255)" },
    } as const;
    mkdirSync(".tmp", { recursive: true });
    for (const [scheme, colours] of Object.entries(themes) as [
      keyof typeof themes,
      (typeof themes)["light"],
    ][]) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 350, height: 800 });
      await page.goto(`${origin}/help/functions.html`);
      const layout = await page.evaluate(() => {
        const style = getComputedStyle(document.body);
        const links = Array.from(document.querySelectorAll<HTMLAnchorElement>("nav a")).map((a) =>
          a.getAttribute("href")
        );
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          background: style.backgroundColor,
          text: style.color,
          links,
          unresolved: links.filter((href) => !document.getElementById((href ?? "").slice(1))),
          words: document.body.innerText,
        };
      });
      expect(layout.scrollWidth, `${scheme}: no horizontal scroll at 350 px`).toBeLessThanOrEqual(
        layout.clientWidth
      );
      expect({ background: layout.background, text: layout.text }).toEqual(colours);
      expect(layout.links).toEqual(
        expect.arrayContaining([
          "#reference",
          "#accrual",
          "#mistakes-the-functions-refuse",
          "#the-12b-1-plan-buttons-on-the-home-tab",
        ])
      );
      expect(layout.unresolved).toEqual([]);
      // Written for accountants: no build, deployment or manifest sections.
      expect(layout.words).not.toMatch(/npm |sideload|manifest|webpack|functions\.json|localhost/i);
      await page.screenshot({ path: `.tmp/help-350-${scheme}.png` });
      await page.close();
    }
  });

  it("the built bundle refuses the likely mistakes (SPEC §3): a rate of 0.5, a text NAV, a period past the NAVs", async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/functions.html`);
    await page.waitForFunction(() => {
      const association = (
        window as unknown as { CustomFunctions?: { _association?: { mappings: object } } }
      ).CustomFunctions?._association;
      return association !== undefined && "DAILYFEE" in association.mappings;
    });
    expect(await callAssociated(page, "DAILYFEE", [100_000_000, 0.5, 45659])).toEqual({
      error: { code: "#NUM!" },
    });
    const dates = [[45659], [45660]];
    expect(
      await callAssociated(page, "ACCRUAL", [dates, [[100_000_000], ["73,000,000.00"]], [[0.0025]]])
    ).toEqual({
      error: {
        code: "#VALUE!",
        message:
          'netAssets, row 2 holds text "73,000,000.00", not an amount; enter it as a number.',
      },
    });
    expect(await callAssociated(page, "ADNA", [dates, [[1e8], [1.01e8]], 47484, 47848])).toEqual({
      error: {
        code: "#N/A",
        message:
          "The period 2030-01-01 to 2030-12-31 is outside the NAV dates given (2025-01-02 to 2025-01-03): give the NAVs of the period.",
      },
    });
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
