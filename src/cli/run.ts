/**
 * `run(options)`: the runner as a library — one handler per command, each
 * returning an `Outcome`. The CLI (`cli.ts`) and tests call this; nothing
 * here touches `process.exit` or prints.
 *
 * `const outcome = await run({ command: "check", file: "trust.xlsx" }); outcome.exitCode // 0, 1 or 2`
 */
import { accrue } from "./commands/accrue";
import { check } from "./commands/check";
import { demo } from "./commands/demo";
import { init } from "./commands/init";
import { report } from "./commands/report";
import type { Outcome } from "./outcome";
import type { CommandName, RunOptions } from "./runOptions";

const HANDLERS: Record<CommandName, (options: RunOptions) => Promise<Outcome>> = {
  init,
  demo,
  accrue,
  check,
  report,
};

export async function run(options: RunOptions): Promise<Outcome> {
  return HANDLERS[options.command](options);
}

export type { Outcome, RunOptions };
