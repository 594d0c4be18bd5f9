/**
 * The task pane as an accountant meets it (issue 14), in headless Chromium
 * against the Excel stand-in, 350 px wide and 1,000 px tall: what the user
 * sees after each click is asserted, and a screenshot of each step goes to
 * .tmp/pane-*.png (the README picture, docs/taskpane.png, is taken in gettingStarted.browser.test.ts).
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { skipWithoutChromium } from "../support/chromium";
import { inWorkbook, type PaneHarness, startPaneHarness } from "./paneHarness";

const SKIP = skipWithoutChromium("The accountant's pane browser tests");
let harness: PaneHarness;
beforeAll(async () => {
  if (!SKIP) harness = await startPaneHarness();
}, 60_000);
afterAll(async () => {
  await harness?.close();
  expect(harness?.foreign ?? [], "requests that would leave the machine").toEqual([]);
});

const HEIGHT = 1000;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `.tmp/pane-${name}.png`, fullPage: true });

/** The locator's box, scrolled as the user sees it now (y from the top of the viewport). */
async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not on screen");
  return b;
}

/** True when the status sits right under the button (within `gap` px) and inside the viewport. */
async function besideAndInView(button: Locator, status: Locator, gap = 160) {
  const b = await box(button);
  const s = await box(status);
  return {
    below: s.y >= b.y + b.height - 1,
    near: s.y - (b.y + b.height) < gap,
    inView: s.y >= 0 && s.y + 20 <= HEIGHT,
  };
}

/** Today as the browser's clock gives it, as the pane computes it. */
const todayIso = (page: Page) =>
  page.evaluate(() => {
    const n = new Date();
    return `${n.getFullYear()}-${String(n.getMonth() + 1).padStart(2, "0")}-${String(n.getDate()).padStart(2, "0")}`;
  });

describe.skipIf(SKIP)("the pane refuses what the runner refuses", () => {
  it("a NAV typed as text (C4) stops Compute accruals and Check compliance with the runner's reason naming the cell once, under the button, and a link that selects C4", async () => {
    const { page, errors } = await harness.open();
    await inWorkbook(page, `wb.sheet("Net Assets").setCell(3, 2, { value: "100,000,000.00" })`);
    // The runner's reason, with the cell named once as Excel shows it (not "row 3" beside "C4").
    const sentence =
      'Sheet "Net Assets", table NetAssets, column "Class B net assets", cell C4: Class B net assets holds text "100,000,000.00", not an amount; enter it as a number.';

    const compute = page.getByRole("button", { name: "Compute accruals" });
    await compute.click();
    const alert = page.getByRole("alert");
    await alert.getByText("Accruals not written").waitFor();
    expect(await alert.innerText()).toContain(sentence);
    expect(await alert.innerText()).toContain("nothing was written");
    expect(await besideAndInView(compute, alert)).toEqual({
      below: true,
      near: true,
      inView: true,
    });
    // Nothing written: the table keeps its three columns, no "Accruals written" anywhere.
    expect(await inWorkbook(page, `wb.tableHeaders("NetAssets").length`)).toBe(3);
    expect(await page.getByText("Accruals written").count()).toBe(0);
    await shot(page, "refused");
    await alert.getByRole("button", { name: "Go to Net Assets!C4" }).click();
    await expect
      .poll(() => inWorkbook(page, `wb.selection`))
      .toEqual({ sheet: "Net Assets", address: "C4" });

    const check = page.getByRole("button", { name: "Check compliance" });
    await check.click();
    await page.getByRole("alert").getByText("Not checked").waitFor();
    expect(await page.getByRole("alert").innerText()).toContain(sentence);
    // The only status shown is the one under the button pressed last.
    expect(await page.getByRole("alert").count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Findings" }).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe.skipIf(SKIP)("status, Cancel and as-of", () => {
  it("progress and Cancel show under the clicked button, in view; Cancel of a re-run leaves the previous accruals; a later as-of changes them", async () => {
    const { page, errors } = await harness.open({ before: "window.__navCount = 3000" });
    // As of 30 Jun 2025 first; the daily NAVs from 2 Jan 2025 go on past it, and those rows book nothing yet.
    const asOf = page.getByLabel("As of").first();
    await asOf.fill("2025-06-30");
    // Typing writes no setting (each write clears Excel's undo stack); the action keeps it.
    expect(await inWorkbook(page, `wb.settings.get("rule12b1.asOf")`)).toBeUndefined();
    const compute = page.getByRole("button", { name: "Compute accruals" });
    await compute.click();
    await page.getByText("Accruals written").waitFor();
    expect(await inWorkbook(page, `wb.settings.get("rule12b1.asOf")`)).toBe("2025-06-30");
    const rows = () => inWorkbook(page, `wb.tableRows("NetAssets").map((r) => r.slice(3))`);
    const before = await rows();
    expect((before as unknown[][]).length).toBe(3000);

    // A later as-of (the plan, approved 2 Dec 2024, is in effect until 1 Dec 2025): July–November rows get fees.
    await asOf.fill("2025-11-30");
    await inWorkbook(page, `(wb.syncDelayMs = 250)`);
    await compute.click();
    const cancel = page.getByRole("button", { name: "Cancel" });
    await cancel.waitFor();
    const status = page.getByRole("status").filter({ has: page.getByRole("progressbar") });
    expect(await besideAndInView(compute, status)).toEqual({
      below: true,
      near: true,
      inView: true,
    });
    await shot(page, "progress");
    await cancel.click();
    await page.getByText("Cancelled", { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.getByText(/put back as they were|before anything was written/).count()).toBe(
      1
    );
    expect(await rows()).toEqual(before);

    await inWorkbook(page, `(wb.syncDelayMs = 0)`);
    await compute.click();
    await page.getByText("Accruals written").waitFor();
    expect(await rows()).not.toEqual(before);
    expect(errors).toEqual([]);
  }, 90_000);

  it("As of defaults to today, is read from and kept in the workbook settings, and Check compliance and the report use it", async () => {
    const fresh = await harness.open();
    expect(await fresh.page.getByLabel("As of").first().inputValue()).toBe(
      await todayIso(fresh.page)
    );
    expect(
      await fresh.page.getByText(/computed as of today, unless you pick another day/).count()
    ).toBe(1);

    const { page, errors } = await harness.open({
      before: `window.__settings = { "rule12b1.asOf": "2025-01-31" }`,
    });
    await expect.poll(() => page.getByLabel("As of").first().inputValue()).toBe("2025-01-31");
    // The text writes the date as the date field shows it (en-US: 01/31/2025), not 2025-01-31.
    expect(await page.getByText("Runs every check of the plan as of 01/31/2025").count()).toBe(1);
    // The quarters offered end at the as-of date: finished ones, the last complete one chosen;
    // the running quarter only once "Preliminary" is ticked (SPEC §5).
    const quarter = page.getByRole("combobox", { name: "Quarter" });
    expect(await quarter.inputValue()).toBe("2024Q4");
    expect(await quarter.locator("option").first().textContent()).toMatch(/^2024 Q4/);
    await page.getByRole("checkbox", { name: /Preliminary \(a period/ }).check();
    expect(await quarter.locator("option").first().textContent()).toBe("2025 Q1 (preliminary)");
    // Ticking Preliminary picks the running quarter.
    expect(await quarter.inputValue()).toBe("2025Q1");
    await page.getByRole("checkbox", { name: /Preliminary \(a period/ }).uncheck();
    await page.getByRole("button", { name: "Check compliance" }).click();
    await page
      .locator('[role="alert"], [role="status"]')
      .filter({ hasText: /as of 01\/31\/2025/i })
      .first()
      .waitFor();
    // As of 31 Jan 2025 the plan approved 2 Dec 2024 has not lapsed: the "Plan lapsed" finding of today is absent.
    expect(await page.getByRole("button", { name: /Plan lapsed/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Today" }).click();
    await expect.poll(() => inWorkbook(page, `wb.settings.get("rule12b1.asOf")`)).toBe("");
    await page.getByRole("button", { name: "Check compliance" }).click();
    await page.getByRole("button", { name: /Plan lapsed/ }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});

describe.skipIf(SKIP)("findings", () => {
  it("are grouped by rule with counts, collapsed, errors first; each with a source links to its cell; the message says how many cells are shaded", async () => {
    const { page, errors } = await harness.open();
    // An annual rate of 0.75% (Rates row 1, cell Q2): above the 0.50% ceiling in force.
    await inWorkbook(page, `wb.sheet("Plan").setCell(1, 16, { value: 0.0075 })`);
    const check = page.getByRole("button", { name: "Check compliance" });
    await check.click();
    await page.getByRole("heading", { name: "Findings" }).waitFor();
    const groups = page.locator('[aria-label="Findings by rule"]').getByRole("button");
    const headers = await groups.allInnerTexts();
    expect(headers.length).toBeGreaterThanOrEqual(3);
    // Errors first: every group with an error comes before every group without one.
    const withError = headers.map((h) => /\d+ errors?/.test(h));
    expect(withError).toEqual([...withError].sort((a, b) => Number(b) - Number(a)));
    expect(headers.some((h) => /^Rate above the ceiling \(1 error · Plan §1\)$/.test(h))).toBe(
      true
    );
    // Collapsed: no finding text is shown until a group is opened.
    expect(await page.getByText(/above the ceiling of 0\.50%/).count()).toBe(0);
    const shaded = (await inWorkbook(
      page,
      `wb.sheets.reduce((n, s) => n + s.conditionalFormats.length, 0)`
    )) as number;
    expect(shaded).toBe(1);
    const alert = page.getByRole("alert");
    expect(await alert.innerText()).toContain("1 cell named by these errors is shaded red");
    expect(await besideAndInView(check, alert)).toEqual({ below: true, near: true, inView: true });
    await shot(page, "findings");
    await page.getByRole("button", { name: /^Rate above the ceiling/ }).click();
    await page.getByText(/above the ceiling of 0\.50%/).waitFor();
    await page.getByRole("button", { name: "Go to Plan!Q2" }).click();
    // A generous wait: on a loaded machine the selection's round trip can pass the default 1 s.
    await expect
      .poll(() => inWorkbook(page, `wb.selection`), { timeout: 10_000 })
      .toEqual({ sheet: "Plan", address: "Q2" });
    await shot(page, "findings-open");
    // The README's picture is taken on the sample plan (gettingStarted.browser.test.ts).
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe.skipIf(SKIP)("wide form", () => {
  it("a Date column and one NAV column per portfolio: the mapping step names each column's portfolio, and six accrual columns per portfolio are written", async () => {
    const { page, errors } = await harness.open();
    // A second portfolio, Income, at Growth's rate; the NAVs wide on sheet NAV: Date | Growth | Income (36,500,000).
    await inWorkbook(
      page,
      `(() => { const plan = wb.sheet("Plan");
        const portfolios = plan.tables.find((t) => t.name === "Portfolios");
        plan.setCell(2, 0, { value: "Income" }); plan.setCell(2, 1, { value: plan.value(1, 1) }); portfolios.rowCount += 1;
        const rates = plan.tables.find((t) => t.name === "Rates");
        for (let c = 0; c < rates.columnCount; c += 1) plan.setCell(2, rates.left + c, { value: plan.value(1, rates.left + c) });
        plan.setCell(2, rates.left, { value: "Income" }); rates.rowCount += 1;
        const from = wb.sheet("Net Assets"); const nav = wb.addSheet("NAV");
        ["Date", "Growth", "Income"].forEach((h, c) => nav.setCell(0, c, { value: h }));
        for (let r = 1; r <= 4; r += 1) { nav.setCell(r, 0, { value: from.value(r, 0) }); nav.setCell(r, 1, { value: from.value(r, 2) }); nav.setCell(r, 2, { value: 36500000 }); }
        wb.selection = { sheet: "NAV", address: "A1:C5" }; return true; })()`
    );
    await page.getByRole("radio", { name: "Selected range" }).check();
    await page.getByRole("button", { name: "Compute accruals" }).click();
    await page.getByRole("button", { name: "Compute with this mapping" }).waitFor();
    expect(
      await page.getByRole("radio", { name: "One NAV column per portfolio" }).isChecked()
    ).toBe(true);
    expect(await page.getByRole("combobox", { name: "Dates in" }).inputValue()).toBe("0");
    expect(await page.getByRole("combobox", { name: 'Portfolio of "Growth"' }).inputValue()).toBe(
      "Growth"
    );
    expect(await page.getByRole("combobox", { name: 'Portfolio of "Income"' }).inputValue()).toBe(
      "Income"
    );
    await shot(page, "wide-mapping");
    await page.getByRole("button", { name: "Compute with this mapping" }).click();
    await page.getByText("Accruals written").waitFor();
    const headers = (await inWorkbook(
      page,
      `Array.from({ length: 12 }, (_, c) => wb.sheet("NAV").value(0, 3 + c))`
    )) as string[];
    expect(headers[0]).toBe("Growth: Days");
    expect(headers[2]).toBe("Growth: Daily fee");
    expect(headers[6]).toBe("Income: Days");
    // Income by hand: 36,500,000 × 0.25% ÷ 365 = 250.00 a day, so each row's fee is its Days × 250.00.
    const income = (await inWorkbook(
      page,
      `[1, 2, 3, 4].map((r) => [wb.sheet("NAV").value(r, 9), wb.sheet("NAV").value(r, 11)])`
    )) as [number, number][];
    expect(income.map(([days, fee]) => fee - days * 250)).toEqual([0, 0, 0, 0]);
    expect(income[1]![0]).toBe(3); // Fri 3 Jan books Fri–Sun
    await shot(page, "wide-done");
    expect(errors).toEqual([]);
  }, 60_000);
});

describe.skipIf(SKIP)("outside Excel", () => {
  it.each([
    ["office.js cannot load", "missing" as const],
    [
      "Office.onReady reports no host (a plain browser)",
      {
        script:
          "window.Office = { HostType: { Excel: 'Excel' }, onReady: (cb) => { const info = { host: null, platform: null }; setTimeout(() => cb && cb(info), 0); return Promise.resolve(info); } };",
      },
    ],
  ])(
    "%s: the page says what it is and how to open it in Excel, with no page error",
    async (_, office) => {
      const { page, errors } = await harness.open({ office, waitFor: null });
      await page.getByRole("heading", { name: /an add-in for Microsoft Excel/ }).waitFor();
      const text = await page.locator("body").innerText();
      expect(text).toContain("It works only inside Excel");
      expect(text).toContain("on the Home tab, choose 12b-1 Plan");
      expect(text).toContain("Upload My Add-in");
      expect(text).not.toContain("Loading…");
      expect(errors).toEqual([]);
      await shot(page, `outside-${office === "missing" ? "no-office" : "no-host"}`);
    },
    30_000
  );
});
