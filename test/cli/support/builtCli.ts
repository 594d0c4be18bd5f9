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
    // As package.json's build:cli: buffer-crc32 (required by ExcelJS's streaming writer) on the native CRC-32.
    alias: { "buffer-crc32": "./src/cli/xlsx/ooxml/bufferCrc32.ts" },
    outfile,
    logLevel: "warning",
  });
  built = outfile;
  return outfile;
}
