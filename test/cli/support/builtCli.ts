/** Builds the CLI bundle once into a temp dir (dist/ belongs to the webpack build, which cleans it). */
import path from "node:path";
import { buildSync } from "esbuild";
import { tempDir } from "./trustFile";

let built: string | null = null;

export function builtCli(): string {
  if (built) return built;
  const outfile = path.join(tempDir(), "rule12b1.cjs");
  buildSync({
    entryPoints: ["src/cli/bin.ts"],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
  built = outfile;
  return outfile;
}
