/**
 * The production build (run once by globalSetup.ts into dist/): metadata,
 * associations, URL replacement and the files the manifest points at.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { manifestUrls, parseManifest } from "./manifestXml";

const DEPLOYMENT_URL = "https://rule12b1.example.com/";

// Each of these runs a whole production webpack build (two for the URL test): seconds when the
// machine is quiet, over a minute when the suite's other workers load both cores.
const WEBPACK_BUILD_TIMEOUT_MS = 300_000;

describe("npm run build (production)", () => {
  const functionsJson = JSON.parse(readFileSync("dist/functions.json", "utf8")) as {
    functions: { id: string }[];
  };
  const ids = functionsJson.functions.map((f) => f.id);

  it("generates functions.json with the RULE12B1 functions", () => {
    expect([...ids].sort()).toEqual([
      "ACCRUAL",
      "ADNA",
      "CARRYFORWARD",
      "DAILYFEE",
      "DAYSINEFFECT",
      "EFFECTIVERATE",
      "FEES",
      "HEADROOM",
      "INEFFECT",
      "LAPSEDATE",
      "MAJORITY",
      "MAXFEE",
      "PLANSTATUS",
    ]);
  });

  it.each(["functions.js", "taskpane.js"])("associates every function id in %s", (bundle) => {
    const code = readFileSync(`dist/${bundle}`, "utf8");
    for (const id of ids)
      expect(code, `${id} in ${bundle}`).toContain(`CustomFunctions.associate("${id}",`);
  });

  it("leaves no localhost in dist/manifest.xml: every URL is on the deployment URL", () => {
    const text = readFileSync("dist/manifest.xml", "utf8");
    expect(text).not.toMatch(/localhost/i);
    const urls = manifestUrls(parseManifest("dist/manifest.xml"));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls)
      expect(url.startsWith(DEPLOYMENT_URL) || url === DEPLOYMENT_URL.slice(0, -1), url).toBe(true);
  });

  it("points every function's help link at the help page on the deployment URL, not localhost", () => {
    const text = readFileSync("dist/functions.json", "utf8");
    expect(text).not.toMatch(/localhost/i);
    expect(existsSync("dist/help/functions.html")).toBe(true);
  });

  it("every URL in the manifest is a file in dist/", () => {
    for (const url of manifestUrls(parseManifest("dist/manifest.xml"))) {
      const path = url.slice(DEPLOYMENT_URL.length);
      if (path === "" || url === DEPLOYMENT_URL.slice(0, -1)) continue; // the AppDomain origin
      expect(existsSync(`dist/${path}`), `dist/${path}`).toBe(true);
    }
  });

  it("pages load office.js from Microsoft's CDN and their own bundle", () => {
    for (const [page, bundle] of [
      ["taskpane.html", "taskpane.js"],
      ["functions.html", "functions.js"],
    ] as const) {
      const html = readFileSync(`dist/${page}`, "utf8");
      expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      expect(html).toMatch(new RegExp(`src=["']?${bundle.replace(".", "\\.")}`));
    }
  });

  it(
    "fails when custom-function metadata generation reports an error",
    () => {
      const result = spawnSync(
        "npx",
        [
          "webpack",
          "--mode",
          "production",
          "--env",
          "functionsFile=test/build/fixtures/invalidFunctions.ts",
          "--env",
          "outputPath=.tmp/invalid-build",
        ],
        { encoding: "utf8" }
      );
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/invalidFunctions\.ts.*Date/s);
      expect(existsSync(".tmp/invalid-build/functions.json")).toBe(false);
    },
    WEBPACK_BUILD_TIMEOUT_MS
  );

  it(
    "RULE12B1_URL sets the deployment URL, and a non-https one is refused",
    () => {
      const build = (url: string) =>
        spawnSync(
          "npx",
          ["webpack", "--mode", "production", "--env", "outputPath=.tmp/url-build"],
          {
            encoding: "utf8",
            env: { ...process.env, RULE12B1_URL: url },
          }
        );
      const ok = build("https://addins.fund.test/rule12b1/");
      expect(ok.status, ok.stderr).toBe(0);
      const manifest = readFileSync(".tmp/url-build/manifest.xml", "utf8");
      expect(manifest).toContain('DefaultValue="https://addins.fund.test/rule12b1/taskpane.html"');
      expect(manifest).toContain("<AppDomain>https://addins.fund.test</AppDomain>");
      expect(manifest).not.toMatch(/localhost/);
      expect(build("http://addins.fund.test/").status).not.toBe(0);
    },
    WEBPACK_BUILD_TIMEOUT_MS
  );
});
