import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const engineDir = join(__dirname, "../../src/engine");
const files = readdirSync(engineDir).filter((name) => name.endsWith(".ts"));

describe("the engine stays pure (STYLE §1, §18, §19)", () => {
  it.each(files)("%s imports only the engine and decimal.js", (name) => {
    // Comments may speak of Excel; code may not touch it.
    const source = readFileSync(join(engineDir, name), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]!);
    for (const target of imports)
      expect(target === "decimal.js" || target.startsWith("./")).toBe(true);
    // No Office, DOM, file system or clock: the engine is fed values and returns values.
    expect(source).not.toMatch(
      /\b(Office|Excel|CustomFunctions|document|localStorage|sessionStorage|navigator|fetch|require|process)\s*[.(]/
    );
    expect(source).not.toMatch(/\bnew Date\(|Date\.now\(/);
    expect(source).not.toMatch(/Decimal\.set\(/);
  });

  it("importing the engine adds nothing global", async () => {
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    await import("../../src/engine/index");
    const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
    expect(added).toEqual([]);
  });
});
