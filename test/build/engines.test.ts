/**
 * Node 20 means Node 20 (issue 15): every installed package — direct or
 * transitive, hoisted or nested — must accept the oldest Node 20 we support
 * in its `engines.node`, or `npm ci` warns EBADENGINE and the package may use
 * what Node 20 lacks. Reads node_modules itself, not package-lock.json, so it
 * checks what actually got installed.
 */
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

/** The oldest Node we promise to run on (package.json "engines": ">=20.19": vitest and typescript-eslint need it; CI runs 20.20). */
const OLDEST_NODE = "20.19.0";

interface Refusal {
  /** The package's folder, relative to the project. */
  where: string;
  engines: string;
}

/**
 * Every package under `nodeModules` (scoped, nested) whose `engines.node`
 * does not accept `node`. An unparsable range counts as a refusal: npm
 * cannot tell either.
 *
 * @example packagesRefusing("node_modules", "20.20.0") // [] when all accept Node 20.20
 */
function packagesRefusing(nodeModules: string, node: string, root = nodeModules): Refusal[] {
  const refusals: Refusal[] = [];
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
  for (const entry of readdirSync(nodeModules, { withFileTypes: true }).sort(byName)) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const dir = path.join(nodeModules, entry.name);
    const packageDirs = entry.name.startsWith("@")
      ? readdirSync(dir, { withFileTypes: true })
          .filter((scoped) => scoped.isDirectory())
          .sort(byName)
          .map((scoped) => path.join(dir, scoped.name))
      : [dir];
    for (const packageDir of packageDirs) {
      const manifest = path.join(packageDir, "package.json");
      if (existsSync(manifest)) {
        const { engines } = JSON.parse(readFileSync(manifest, "utf8")) as {
          engines?: { node?: unknown };
        };
        const range = engines?.node;
        if (range !== undefined) {
          const accepted =
            typeof range === "string" &&
            semver.validRange(range) !== null &&
            semver.satisfies(node, range, { includePrerelease: true });
          if (!accepted)
            refusals.push({
              where: path.relative(path.dirname(root), packageDir),
              engines: String(range),
            });
        }
      }
      const nested = path.join(packageDir, "node_modules");
      if (existsSync(nested)) refusals.push(...packagesRefusing(nested, node, root));
    }
  }
  return refusals;
}

describe("installed packages accept Node 20", () => {
  it("every installed package's engines.node accepts Node 20.19", () => {
    const nodeModules = path.resolve(__dirname, "../../node_modules");
    expect(packagesRefusing(nodeModules, OLDEST_NODE)).toEqual([]);
  });

  it("a package wanting Node 22.12, even nested or scoped, is found", () => {
    const root = mkdtempSync(path.join(tmpdir(), "rule12b1-engines-"));
    const nodeModules = path.join(root, "node_modules");
    const write = (dir: string, engines: string | undefined) => {
      mkdirSync(dir, { recursive: true });
      const manifest = {
        name: path.basename(dir),
        ...(engines ? { engines: { node: engines } } : {}),
      };
      writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
    };
    write(path.join(nodeModules, "fine"), ">=18");
    write(path.join(nodeModules, "no-engines"), undefined);
    write(path.join(nodeModules, "@axe-core", "playwright"), ">=22.12.0");
    write(path.join(nodeModules, "fine", "node_modules", "deep"), "^18.0.0 || >=22");
    write(path.join(nodeModules, "garbled"), "node twenty");
    expect(packagesRefusing(nodeModules, OLDEST_NODE)).toEqual([
      { where: path.join("node_modules", "@axe-core", "playwright"), engines: ">=22.12.0" },
      {
        where: path.join("node_modules", "fine", "node_modules", "deep"),
        engines: "^18.0.0 || >=22",
      },
      { where: path.join("node_modules", "garbled"), engines: "node twenty" },
    ]);
  });
});
