import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Element } from "@xmldom/xmldom";
import { allElements, child, children, manifestUrls, NS, parseManifest } from "./manifestXml";
import { bundleProblems, manifestProblems } from "./manifestRules";

const MANIFEST_XML = readFileSync("manifest.xml", "utf8");
const SHORTCUTS_JSON = readFileSync("assets/shortcuts.json", "utf8");

const manifest = parseManifest("manifest.xml");
const root = manifest.documentElement as Element;
const overrides = child(root, "VersionOverrides");
const host = child(child(overrides, "Hosts"), "Host");
const resources = child(overrides, "Resources");

/** resid → URL or string value, from <Resources>. */
const defined = new Map<string, string>();
for (const group of children(resources)) {
  for (const entry of children(group))
    defined.set(entry.getAttribute("id") ?? "", entry.getAttribute("DefaultValue") ?? "");
}
const resid = (element: Element) => element.getAttribute("resid") ?? "";
const byName = (name: string) => allElements(manifest).filter((e) => e.localName === name);

describe("manifest.xml (offline structure checks)", () => {
  it("is a TaskPaneApp with the top-level elements in schema order", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe(NS.app);
    expect(root.getAttributeNS(NS.xsi, "type")).toBe("TaskPaneApp");
    const order = [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
      "ExtendedOverrides",
    ];
    expect(children(root).map((e) => e.localName)).toEqual(order);
  });

  it("has a fixed GUID id, Workbook host and ReadWriteDocument permission", () => {
    expect(child(root, "Id").textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    );
    expect(child(child(root, "Hosts"), "Host").getAttribute("Name")).toBe("Workbook");
    expect(child(root, "Permissions").textContent).toBe("ReadWriteDocument");
  });

  it("asks only for what it uses: one origin (its own) for every URL and domain, and document read/write, nothing wider", () => {
    // ReadWriteDocument is the least that lets the pane create the plan tables, write accrual
    // columns and the report sheet, and keep its settings in the workbook; ReadDocument cannot write.
    expect(children(child(root, "Permissions")).length).toBe(0);
    expect(["Restricted", "ReadDocument", "ReadWriteDocument"]).toContain(
      child(root, "Permissions").textContent
    );
    const origins = new Set(manifestUrls(manifest).map((url) => new URL(url).origin));
    expect([...origins]).toEqual(["https://localhost:3000"]);
  });

  it("requires the SharedRuntime 1.1 and CustomFunctionsRuntime 1.1 sets", () => {
    const sets = children(child(child(root, "Requirements"), "Sets")).map(
      (s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`
    );
    expect(sets).toEqual(
      expect.arrayContaining(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.1"])
    );
  });

  it("declares one long-lived Runtime right after <Host>, shared by the functions Page and the FunctionFile", () => {
    expect(overrides.getAttributeNS(NS.xsi, "type")).toBe("VersionOverridesV1_0");
    expect(host.getAttributeNS(NS.xsi, "type")).toBe("Workbook");
    expect(children(host).map((e) => e.localName)).toEqual([
      "Runtimes",
      "AllFormFactors",
      "DesktopFormFactor",
    ]);
    const runtimes = children(child(host, "Runtimes"));
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0] as Element;
    expect(runtime.getAttribute("lifetime")).toBe("long");
    const customFunctions = child(child(host, "AllFormFactors"), "ExtensionPoint");
    expect(customFunctions.getAttributeNS(NS.xsi, "type")).toBe("CustomFunctions");
    expect(children(customFunctions).map((e) => e.localName)).toEqual([
      "Script",
      "Page",
      "Metadata",
      "Namespace",
    ]);
    const page = child(child(customFunctions, "Page"), "SourceLocation");
    const functionFile = child(child(host, "DesktopFormFactor"), "FunctionFile");
    expect(resid(page)).toBe(resid(runtime));
    expect(resid(functionFile)).toBe(resid(runtime));
    expect(defined.get(resid(child(customFunctions, "Namespace")))).toBe("RULE12B1");
    expect(defined.get(resid(child(child(customFunctions, "Metadata"), "SourceLocation")))).toMatch(
      /\/functions\.json$/
    );
  });

  it("has a Home-tab button that opens the task pane", () => {
    const desktop = child(host, "DesktopFormFactor");
    const surface = children(desktop).find(
      (e) => e.getAttributeNS(NS.xsi, "type") === "PrimaryCommandSurface"
    );
    expect(surface).toBeDefined();
    const tab = child(surface as Element, "OfficeTab");
    expect(tab.getAttribute("id")).toBe("TabHome");
    const action = byName("Action")[0] as Element;
    expect(action.getAttributeNS(NS.xsi, "type")).toBe("ShowTaskpane");
    expect(resid(child(action, "SourceLocation"))).toBe(resid(child(desktop, "FunctionFile")));
  });

  it("passes every structural rule: resids, lengths and URLs, element order, commands, icons", () => {
    expect(manifestProblems(MANIFEST_XML, SHORTCUTS_JSON)).toEqual([]);
  });

  it("uses only https URLs, all on https://localhost:3000 in the source manifest", () => {
    const urls = manifestUrls(manifest);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\/localhost:3000(\/|$)/);
  });

  it("points its store icons at files in assets/", () => {
    for (const name of ["IconUrl", "HighResolutionIconUrl"]) {
      const file = (child(root, name).getAttribute("DefaultValue") ?? "").replace(
        "https://localhost:3000/",
        ""
      );
      expect(existsSync(file), file).toBe(true);
    }
  });

  it("every ribbon command and shortcut action is in the shared runtime's bundle (dist/taskpane.js)", () => {
    const bundle = readFileSync("dist/taskpane.js", "utf8");
    expect(bundleProblems(manifest, SHORTCUTS_JSON, bundle)).toEqual([]);
  });

  it("has a button for each of Compute accruals, Check compliance and Quarterly report that runs its command", () => {
    const functionNames = byName("FunctionName").map((e) => e.textContent);
    expect(functionNames).toEqual([
      "Rule12b1.ComputeAccruals",
      "Rule12b1.CheckCompliance",
      "Rule12b1.QuarterlyReport",
    ]);
    expect(byName("ExtendedOverrides")[0]?.getAttribute("Url")).toBe(
      "https://localhost:3000/shortcuts.json"
    );
  });

  it("carries nothing left over from a template", () => {
    const text = allElements(manifest)
      .map((e) => `${e.getAttribute("DefaultValue") ?? ""} ${e.textContent ?? ""}`)
      .join(" ");
    expect(text).not.toMatch(/contoso|commands\.html|Office-Addin/i);
  });
});
