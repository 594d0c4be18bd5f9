// Builds the rule12b1 add-in into dist/:
//   taskpane.html + taskpane.js  the pane; in the shared runtime also the page that runs the functions
//   functions.html + functions.js the functions bundle on its own page (non-shared hosts, browser test)
//   functions.json                custom-function metadata, generated from the JSDoc in src/functions/functions.ts
//   help/functions.html           the functions' help page (docs/functions.md rendered), where each helpUrl points
//   manifest.xml, assets/         the add-in manifest and its icons (the add-in's and the ribbon commands')
//   shortcuts.json                the ribbon commands' keyboard shortcuts (manifest ExtendedOverrides)
//
// Deployment URL: `npm run build` (production) replaces EVERY https://localhost:3000 in the manifest
// with RULE12B1_URL, default https://rule12b1.example.com/ — a placeholder (example.com is reserved
// for documentation) that must be set to the real https host before distributing the manifest:
//   RULE12B1_URL=https://addins.yourfund.com/rule12b1/ npm run build
// Development builds (`npm run build:dev`, `npm run dev-server`) keep https://localhost:3000/.
//
// The build fails when custom-function metadata generation reports an error (the metadata CLI
// would exit 0): CustomFunctionsMetadataPlugin turns each into a compilation error, and
// MetadataGatePlugin below also fails the build if functions.json was not produced.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { Marked } = require("marked");

const DEV_URL = "https://localhost:3000/";
const DEFAULT_DEPLOYMENT_URL = "https://rule12b1.example.com/";
const DEV_PORT = 3000;

/** RULE12B1_URL as an https URL ending in "/". */
function deploymentUrl() {
  const value = process.env.RULE12B1_URL || DEFAULT_DEPLOYMENT_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`RULE12B1_URL is not a URL: ${value}`);
  }
  if (url.protocol !== "https:")
    throw new Error(`RULE12B1_URL must be an https URL (Office requires it): ${value}`);
  if (url.hostname === "localhost")
    throw new Error(`RULE12B1_URL must not be localhost in a production build: ${value}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** The manifest with every development URL replaced (a global replacement, not String.replace). */
function productionManifest(content, url) {
  const origin = new URL(url).origin;
  const replaced = content
    .toString()
    .replaceAll(DEV_URL, url)
    // AppDomain entries are bare origins.
    .replaceAll(DEV_URL.slice(0, -1), origin);
  if (/localhost/i.test(replaced))
    throw new Error("manifest.xml still mentions localhost after URL replacement");
  return replaced;
}

/** Fails the build if the metadata plugin produced no functions.json (it reports errors instead). */
class MetadataGatePlugin {
  apply(compiler) {
    compiler.hooks.afterCompile.tap("MetadataGatePlugin", (compilation) => {
      if (compilation.compiler.isChild()) return;
      if (!compilation.getAsset("functions.json")) {
        compilation.errors.push(
          new webpack.WebpackError(
            "functions.json was not generated: see the custom-functions metadata errors above"
          )
        );
      }
    });
  }
}

// ---- The functions' help page -------------------------------------------------------------------
// Excel's "Help on this function" opens each function's `@helpurl` (src/functions/functions.ts):
// https://localhost:3000/help/functions.html#<id>. The page is docs/functions.md rendered at build
// time (marked: MIT, no dependencies), so the docs and the help are one text; each `### ID` heading
// gets the id the URLs name. The page has no scripts and asks no other host for anything.

const HELP_PAGE = "help/functions.html";
const HELP_SOURCE = path.resolve(__dirname, "docs/functions.md");

/** Lowercase letters, digits and dashes: "### ACCRUAL" → "accrual", "## How arguments are read" → "how-arguments-are-read". */
function headingId(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * The pane's theme (SPEC §4: the help page is styled like the pane): Fluent UI's web light and dark
 * themes, the ones the pane mounts (src/taskpane/mountPane.tsx), as CSS custom properties. The page
 * has no script to ask Office for its theme, so it follows the reader's light or dark setting.
 */
function themeProperties(theme) {
  return [
    `--background: ${theme.colorNeutralBackground1}`,
    `--background-raised: ${theme.colorNeutralBackground2}`,
    `--background-code: ${theme.colorNeutralBackground3}`,
    `--foreground: ${theme.colorNeutralForeground1}`,
    `--foreground-quiet: ${theme.colorNeutralForeground2}`,
    `--stroke: ${theme.colorNeutralStroke1}`,
    `--stroke-quiet: ${theme.colorNeutralStroke2}`,
    `--link: ${theme.colorBrandForegroundLink}`,
    `--brand: ${theme.colorBrandForeground1}`,
  ].join("; ");
}

/** Escapes text for an HTML attribute. */
function attribute(text) {
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;");
}

/**
 * docs/functions.md as a standalone HTML page with a strict Content-Security-Policy: the pane's
 * theme, a table of contents (each section, and each function of the reference), and tables that
 * stack into labelled rows on a narrow screen, so nothing scrolls sideways in a 350 px pane.
 */
function helpPage(markdown) {
  const { webDarkTheme, webLightTheme } = require("@fluentui/tokens");
  const sections = [];
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        const id = headingId(inner);
        if (depth === 2 || depth === 3) sections.push({ depth, id, inner });
        return `<h${depth} id="${id}">${inner}</h${depth}>\n`;
      },
      table(token) {
        const labels = token.header.map((cell) => this.parser.parseInline(cell.tokens));
        const head = labels.map((label) => `<th scope="col">${label}</th>`).join("");
        const rows = token.rows
          .map((row) => {
            const cells = row.map((cell, column) => {
              const label = attribute(labels[column] ?? "");
              return `<td data-label="${label}">${this.parser.parseInline(cell.tokens)}</td>`;
            });
            return `<tr>${cells.join("")}</tr>`;
          })
          .join("\n");
        const wide = labels.length > 3 ? ' class="wide"' : "";
        return `<table${wide}>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n`;
      },
    },
  });
  const body = marked.parse(markdown);
  const entries = [];
  for (const section of sections) {
    if (section.depth === 2) entries.push({ ...section, functions: [] });
    else entries.at(-1)?.functions.push(section);
  }
  const contents = entries
    .map(({ id, inner, functions }) => {
      const list = functions.length
        ? `<ul class="functions">${functions.map((f) => `<li><a href="#${f.id}">${f.inner}</a></li>`).join("")}</ul>`
        : "";
      return `<li><a href="#${id}">${inner}</a>${list}</li>`;
    })
    .join("\n");
  const nav = `<nav aria-labelledby="contents"><h2 id="contents">Contents</h2>\n<ul>\n${contents}\n</ul></nav>\n`;
  const withContents = body.replace(/<\/h1>\n/, (end) => `${end}${nav}`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <!-- No scripts at all; styles from this page only; nothing from any other host. -->
    <meta
      http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"
    />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>RULE12B1 worksheet functions</title>
    <style>
      :root { ${themeProperties(webLightTheme)}; color-scheme: light; }
      @media (prefers-color-scheme: dark) { :root { ${themeProperties(webDarkTheme)}; color-scheme: dark; } }
      body { font-family: ${webLightTheme.fontFamilyBase}; font-size: ${webLightTheme.fontSizeBase300}; line-height: 1.5;
        max-width: 60rem; margin: 0 auto; padding: 0.5rem 1rem 2rem; background: var(--background); color: var(--foreground);
        overflow-wrap: break-word; }
      h1 { font-size: 1.5rem; line-height: 1.25; color: var(--brand); }
      h2 { font-size: 1.2rem; border-bottom: 1px solid var(--stroke-quiet); padding-bottom: 0.2rem; margin-top: 2rem; }
      h3 { font-size: 1.05rem; border-top: 1px solid var(--stroke-quiet); padding-top: 0.75rem; }
      a { color: var(--link); }
      code { font-family: ${webLightTheme.fontFamilyMonospace}; background: var(--background-code); padding: 0 0.2rem;
        border-radius: 3px; overflow-wrap: anywhere; }
      nav { background: var(--background-raised); border: 1px solid var(--stroke-quiet); border-radius: 4px; padding: 0 1rem 0.5rem; }
      nav h2 { border: 0; margin-top: 0.75rem; }
      nav ul { padding-left: 1.1rem; margin: 0.25rem 0; }
      nav ul.functions { padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0.1rem 0.75rem; }
      table { border-collapse: collapse; margin: 0.5rem 0; }
      td, th { border: 1px solid var(--stroke); padding: 0.2rem 0.4rem; vertical-align: top; text-align: left; }
      th { background: var(--background-raised); }
      /* A narrow pane (Excel's is 350 px): each row of a wide table becomes a block of labelled lines. */
      @media (max-width: 40rem) {
        table.wide, .wide thead, .wide tbody, .wide tr, .wide td { display: block; }
        .wide thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
        .wide tr { border: 1px solid var(--stroke); border-radius: 4px; margin: 0.5rem 0; padding: 0.25rem 0.5rem; }
        .wide td { border: 0; padding: 0.1rem 0; }
        .wide td[data-label]:not([data-label=""])::before { content: attr(data-label) ": "; font-weight: 600; }
        .wide td:empty { display: none; }
      }
    </style>
  </head>
  <body>
${withContents}
  </body>
</html>
`;
}

/** Emits the help page and points functions.json's help URLs at the deployment host. */
class HelpPagePlugin {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HelpPagePlugin", (compilation) => {
      compilation.fileDependencies.add(HELP_SOURCE);
      compilation.hooks.processAssets.tap(
        { name: "HelpPagePlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const page = helpPage(fs.readFileSync(HELP_SOURCE, "utf8"));
          compilation.emitAsset(HELP_PAGE, new webpack.sources.RawSource(page));
          const metadata = compilation.getAsset("functions.json");
          if (metadata && this.url !== DEV_URL) {
            const json = metadata.source.source().toString().replaceAll(DEV_URL, this.url);
            compilation.updateAsset("functions.json", new webpack.sources.RawSource(json));
          }
        }
      );
    });
  }
}

/** Dev-server https options from office-addin-dev-certs' certificates, or null when there are none. */
function devCertificates() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const found = Object.values(files).every((file) => fs.existsSync(path.join(dir, file)));
  if (!found) return null;
  return Object.fromEntries(
    Object.entries(files).map(([key, file]) => [key, fs.readFileSync(path.join(dir, file))])
  );
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  // For the build test only: another functions file and output folder.
  const functionsFile = path.resolve(__dirname, env.functionsFile || "src/functions/functions.ts");
  const outputPath = path.resolve(__dirname, env.outputPath || "dist");
  const url = production ? deploymentUrl() : DEV_URL;

  const config = {
    mode: production ? "production" : "development",
    devtool: "source-map",
    context: __dirname,
    entry: {
      functions: functionsFile,
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: outputPath,
      filename: "[name].js",
      // dist/cli holds the runner bundle (npm run build:cli); the add-in build must not wipe it.
      clean: { keep: /^cli\// },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The shared functions module is imported by the pane; the build test swaps in a fixture for both.
      alias: env.functionsFile
        ? { [path.resolve(__dirname, "src/functions/functions.ts")]: functionsFile }
        : {},
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type checking is `npm run typecheck` (tsc --noEmit), part of `npm test`.
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.json") },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionsFile }),
      new MetadataGatePlugin(),
      new HelpPagePlugin(url),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/shortcuts.json", to: "shortcuts.json" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: production ? (content) => productionManifest(content, url) : undefined,
          },
        ],
      }),
    ],
  };

  if (process.env.WEBPACK_SERVE) {
    const certificates = devCertificates();
    if (!certificates) {
      console.warn(
        "rule12b1: no dev certificates in ~/.office-addin-dev-certs, so the dev server runs on plain http://localhost:3000/.\n" +
          "Office needs https: run `npx office-addin-dev-certs install` (Windows/Mac; it uses sudo and is not supported on Linux)."
      );
    }
    config.devServer = {
      port: DEV_PORT,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: certificates ? { type: "https", options: certificates } : { type: "http" },
    };
  }
  return config;
};
