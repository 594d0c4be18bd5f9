/**
 * Security (issue 6): no HTML or code is built from strings in src/ — no
 * `innerHTML`/`outerHTML`/`insertAdjacentHTML`/`document.write`,
 * `dangerouslySetInnerHTML`, `eval`, `new Function`, or string-bodied
 * `setTimeout`/`setInterval` — so workbook data (portfolio names, payees) can
 * never become markup or script in the pane. The pane shows workbook text
 * through React, which escapes it. And the pane's HTML pages carry a
 * Content-Security-Policy that forbids eval and foreign scripts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const FORBIDDEN: [string, RegExp][] = [
  ["innerHTML / outerHTML", /\.(inner|outer)HTML\b/],
  ["insertAdjacentHTML", /insertAdjacentHTML/],
  ["document.write", /document\.write(ln)?\s*\(/],
  ["dangerouslySetInnerHTML", /dangerouslySetInnerHTML/],
  ["eval", /(^|[^.\w])eval\s*\(/],
  ["new Function", /new\s+Function\s*\(/],
  ["setTimeout/setInterval with a string", /set(Timeout|Interval)\s*\(\s*["'`]/],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory()
      ? files(full)
      : /\.(ts|tsx|js|html)$/.test(name)
        ? [full]
        : [];
  });
}

/** Source without comments, so a doc comment that names a pattern is not a hit. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1")
    .replace(/<!--[\s\S]*?-->/g, "");
}

describe("no markup or code from strings in src/", () => {
  const sources = files("src");
  it("scans every source file", () => expect(sources.length).toBeGreaterThan(50));
  for (const [name, pattern] of FORBIDDEN) {
    it(`no ${name}`, () => {
      const hits = sources.filter((file) => pattern.test(code(readFileSync(file, "utf8"))));
      expect(hits).toEqual([]);
    });
  }
  it("the scan would catch them", () => {
    for (const sample of [
      "el.innerHTML = name",
      "eval(text)",
      "new Function('a', body)",
      "setTimeout('go()', 1)",
      "<div dangerouslySetInnerHTML={x} />",
    ]) {
      expect(
        FORBIDDEN.some(([, p]) => p.test(code(sample))),
        sample
      ).toBe(true);
    }
    expect(FORBIDDEN.some(([, p]) => p.test(code("// never use eval(x) here")))).toBe(false);
  });
  it("both pages carry a Content-Security-Policy without unsafe-eval", () => {
    for (const page of ["src/taskpane/taskpane.html", "src/functions/functions.html"]) {
      const html = readFileSync(page, "utf8");
      const policy =
        /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
      expect(policy, page).toContain("default-src 'self'");
      expect(policy, page).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
      expect(policy, page).not.toContain("unsafe-eval");
    }
  });
});
