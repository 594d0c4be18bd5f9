/**
 * The rule12b1 version stamped on every sheet and column it writes (the
 * audit trail), shown by `rule12b1 --version` and in the pane's footer.
 * package.json's "version" is the one source: webpack, esbuild, vitest and
 * tsx all bundle or load this JSON import, keeping only `version`.
 */
import packageJson from "../../package.json";

/** "0.2.0": package.json's "version". */
export const RULE12B1_VERSION: string = packageJson.version;
