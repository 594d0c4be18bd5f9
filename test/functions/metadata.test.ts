import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FUNCTIONS } from "../../src/functions/metadata";

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: {
    name: string;
    description?: string;
    optional?: boolean;
    type: string;
    dimensionality?: string;
  }[];
}

async function generated(): Promise<FunctionMetadata[]> {
  const result = await generateCustomFunctionsMetadata(["src/functions/functions.ts"], true);
  expect(result.errors).toEqual([]);
  return (JSON.parse(result.metadataJson) as { functions: FunctionMetadata[] }).functions;
}

// STYLE §13: test every table entry against what Excel will see, so no entry
// can point at another function's arguments.
describe("the metadata table matches functions.json", () => {
  it("has an entry for every generated function and no other", async () => {
    const ids = (await generated()).map((f) => f.id).sort();
    expect(ids).toEqual(Object.keys(FUNCTIONS).sort());
  });

  it.each(Object.entries(FUNCTIONS))(
    "%s: same id, parameter names, order and optionality",
    async (id, spec) => {
      const metadata = (await generated()).find((f) => f.id === id);
      expect(metadata).toBeDefined();
      expect(spec.id).toBe(id);
      expect(metadata?.name).toBe(id);
      expect(metadata?.parameters.map((p) => p.name)).toEqual(spec.args.map((a) => a.name));
      expect(metadata?.parameters.map((p) => p.optional === true)).toEqual(
        spec.args.map((a) => ("optional" in a && a.optional === true) || false)
      );
      // Column arguments and rate schedules must be declared as ranges (matrix), scalars as single values.
      expect(metadata?.parameters.map((p) => p.dimensionality === "matrix")).toEqual(
        spec.args.map((a) => a.kind.endsWith("Column") || a.kind === "rateSchedule")
      );
      // Its own help section, never another function's (the development URL; the build replaces it).
      expect(metadata?.helpUrl).toBe(
        `https://localhost:3000/help/functions.html#${id.toLowerCase()}`
      );
    }
  );

  it("every function has its own section in docs/functions.md, which the help page is built from", async () => {
    const docs = readFileSync("docs/functions.md", "utf8");
    for (const f of await generated()) expect(docs, f.id).toContain(`\n### ${f.id}\n`);
  });

  it("every function and parameter has help text", async () => {
    for (const f of await generated()) {
      expect(f.description, f.id).toBeTruthy();
      for (const p of f.parameters) expect(p.description, `${f.id}.${p.name}`).toBeTruthy();
    }
  });
});

describe("importing the functions module (STYLE §19)", () => {
  it("adds nothing global and registers nothing: the build appends the associations", async () => {
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    await import("../../src/functions/functions");
    const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
    expect(added).toEqual([]);
    expect("CustomFunctions" in globalThis).toBe(false);
  });
});
