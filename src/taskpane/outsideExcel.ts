/**
 * Outside Excel — the page opened in a plain browser, where office.js cannot
 * load or `Office.onReady` reports no Excel host — the page must say plainly
 * what it is and how to open it in Excel, and not fail.
 *
 * Imported first by the page's entry: when office.js did not load, the
 * custom functions' registration (`CustomFunctions.associate`, appended to the
 * functions module by the build) would throw "CustomFunctions is not defined"
 * and stop the page, so a no-op stand-in is installed; inside Excel office.js
 * defines the real one before this runs and nothing changes.
 */
const page = globalThis as unknown as Record<string, unknown>;
if (typeof page.CustomFunctions === "undefined")
  page.CustomFunctions = { associate: () => undefined };

/** The heading of the page outside Excel. */
export const OUTSIDE_EXCEL_TITLE = "Rule 12b-1 Class B Plan — an add-in for Microsoft Excel";

/** What the page says outside Excel, paragraph by paragraph. */
export const OUTSIDE_EXCEL = [
  "This page is the task pane of the Rule 12b-1 Plan add-in. It works only inside Excel, where it computes the Class B distribution fee accruals, checks the plan's rules and writes the quarterly report of your workbook. Opened in a browser on its own, it has no workbook to work on.",
  'Open this add-in from Excel: on the Home tab, choose 12b-1 Plan. If the button is not there, add the add-in first: in Excel on the web, Home ▸ Add-ins ▸ More Add-ins ▸ Upload My Add-in, and choose the manifest.xml file your administrator gave you; in Excel on Windows or Mac, ask your administrator to deploy it, or see the add-in\'s README ("Putting the add-in into Excel").',
];

/** How long the page waits for office.js before saying it is not in Excel. */
export const OFFICE_WAIT_MS = 5_000;

/** Puts the explanation in place of the "Loading…" line (the status element keeps its id). */
export function showOutsideExcel(document: Document): void {
  let status = document.getElementById("status");
  if (!status) {
    status = document.createElement("div");
    status.id = "status";
    document.body.append(status);
  }
  const box = document.createElement("div");
  box.id = "outside-excel";
  const heading = document.createElement("h1");
  heading.textContent = OUTSIDE_EXCEL_TITLE;
  box.append(heading);
  for (const text of OUTSIDE_EXCEL) {
    const p = document.createElement("p");
    p.textContent = text;
    box.append(p);
  }
  status.replaceChildren(box);
}
