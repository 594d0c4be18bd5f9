/**
 * What a ribbon button did with the pane closed (SPEC §4, added 2026-12-06)
 * shows when the pane opens, under the button the ribbon command stands for —
 * in headless Chromium against the Excel stand-in, the outcome planted in the
 * workbook settings as src/commands/ribbonActions.ts keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { skipWithoutChromium } from "../support/chromium";
import { type PaneHarness, startPaneHarness } from "./paneHarness";

const SKIP = skipWithoutChromium("The ribbon outcome's browser test");
let harness: PaneHarness;
beforeAll(async () => {
  if (!SKIP) harness = await startPaneHarness();
}, 60_000);
afterAll(async () => {
  await harness?.close();
  expect(harness?.foreign ?? [], "requests that would leave the machine").toEqual([]);
});

/** The pane opened on a workbook whose settings hold `outcome` as the ribbon's kept outcome. */
const openWith = (outcome: object) =>
  harness.open({
    before: `window.__settings = { "rule12b1.ribbonOutcome": ${JSON.stringify(outcome)} }`,
  });

/** The section headed `heading` (each pane section is labelled by its h2). */
const section = (page: Page, heading: string) => page.getByRole("region", { name: heading });

describe.skipIf(SKIP)("the pane shows what a ribbon button did", () => {
  it("Check compliance from the ribbon: its findings notice shows under the pane's Check compliance button, and nowhere else", async () => {
    const { page, errors } = await openWith({
      action: "checkCompliance",
      intent: "warning",
      title: "2 findings",
      text: "Open the pane to see them.",
      at: "2026-12-05T17:30:00.000Z",
      needsPane: true,
    });
    const check = section(page, "3. Check compliance");
    // The heading is the action's label, "from the ribbon", and the UTC day it ran.
    const title = "Check compliance from the ribbon, 2026-12-05: 2 findings";
    await check.getByText(title).waitFor({ timeout: 20_000 });
    expect(await check.getByText("Open the pane to see them.").count()).toBe(1);
    expect(await page.getByText(title).count()).toBe(1);
    expect(await page.getByText(/from the ribbon/).count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("the quarterly report's outcome shows under the report's button; a button pressed afterwards replaces it with its own status", async () => {
    const { page, errors } = await openWith({
      action: "quarterlyReport",
      intent: "success",
      title: "Report ready",
      text: "Written to the sheet Q4 2025.",
      at: "2026-12-06T08:00:00.000Z",
      needsPane: false,
    });
    const title = "Quarterly report from the ribbon, 2026-12-06: Report ready";
    await section(page, "4. Quarterly report").getByText(title).waitFor({ timeout: 20_000 });
    expect(
      await section(page, "3. Check compliance")
        .getByText(/from the ribbon/)
        .count()
    ).toBe(0);

    await page.getByRole("button", { name: "Check compliance" }).click();
    await page.getByText(title).waitFor({ state: "detached", timeout: 20_000 });
    const check = section(page, "3. Check compliance");
    await check.getByRole("status").or(check.getByRole("alert")).first().waitFor();
    expect(await page.getByText(/from the ribbon/).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("with no kept outcome the pane opens with no status under any button", async () => {
    const { page, errors } = await harness.open();
    expect(await page.getByRole("status").count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
