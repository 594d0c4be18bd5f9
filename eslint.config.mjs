// ESLint 9 flat config (STYLE §9, §18). `npm run lint` runs it with --max-warnings 0, so every
// rule here is either an error or off: a warning would fail the build anyway.
//
// - typescript-eslint's recommended rules (syntax only, no type information: fast on 2 cores;
//   `tsc --noEmit` already runs the type checks) on every TypeScript file;
// - eslint-plugin-office-addins' rules on the office-js code (src/excel, src/taskpane). We use
//   its rules, not its `recommended` config: that config also turns on prettier/prettier (our
//   format check is `prettier --check`) and sets ecmaVersion 6. package.json `overrides` points
//   the plugin's typescript-eslint (~8.8, which knows TypeScript only up to 5.6) at ours;
// - eslint-plugin-react-hooks' recommended rules on the pane (src/taskpane);
// - src/engine stays pure: no office-js, no files, no DOM (STYLE §1, §18).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";

/** Node's file-system and process modules, as bare and `node:` specifiers. */
const nodeModules = ["fs", "fs/promises", "path", "os", "child_process", "worker_threads"].flatMap(
  (name) => [name, `node:${name}`]
);

/** Globals that would tie the engine to a host: office-js or a browser page. */
const hostGlobals = ["Office", "Excel", "OfficeExtension", "CustomFunctions", "document", "window"];

export default tseslint.config(
  {
    ignores: ["node_modules/", "dist/", "out/", "coverage/", ".tmp/", "test/fixtures/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      // TypeScript resolves names; ESLint's no-undef does not know ambient types (Excel, Office).
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Build files and scripts in plain JavaScript run in Node.
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: {
      globals: {
        Buffer: "readonly",
        URL: "readonly",
        console: "readonly",
        process: "readonly",
      },
    },
  },
  {
    // The webpack config is CommonJS.
    files: ["**/*.{js,cjs}"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/excel/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    // The plugin's recommended set (rules of hooks, exhaustive deps and the React Compiler's
    // checks: purity, refs, set-state-in-effect, …), every one an error: its two warnings
    // would fail --max-warnings 0 anyway.
    rules: Object.fromEntries(
      Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, "error"])
    ),
  },
  {
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeModules.map((name) => ({
            name,
            message: "src/engine is pure (STYLE §1): files belong to src/cli.",
          })),
          patterns: [
            {
              group: ["**/excel/**", "**/cli/**", "**/taskpane/**", "**/functions/**"],
              message: "src/engine imports nothing from outside it (STYLE §1).",
            },
            {
              group: ["exceljs", "@microsoft/office-js", "react", "react-dom", "@fluentui/*"],
              message: "src/engine is pure (STYLE §1): no workbook library, office-js or UI.",
            },
          ],
        },
      ],
      // Type positions too (`Excel.Range`), which no-restricted-globals does not see.
      "no-restricted-syntax": [
        "error",
        {
          selector: `TSQualifiedName[left.type='Identifier'][left.name=/^(${hostGlobals.join("|")})$/]`,
          message: "src/engine is pure (STYLE §1): office-js types belong to src/excel.",
        },
      ],
      "no-restricted-globals": [
        "error",
        ...hostGlobals.map((name) => ({
          name,
          message:
            "src/engine is pure (STYLE §1): office-js belongs to src/excel, the DOM to src/taskpane.",
        })),
      ],
    },
  }
);
