#!/usr/bin/env node
/**
 * The `rule12b1` command: a shim over `main` (see cli.ts). The process-wide
 * parts live here, at the boundary: signals remove a write's temporary file
 * and the workbook lock before exiting 130/143 (`files/signals.ts`), and a
 * closed pipe on stdout (`rule12b1 check … | head`) ends the run quietly.
 */
import { main } from "./cli";
import { installSignalCleanup } from "./files/signals";

installSignalCleanup();
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // The reader has gone (`| head`): nobody is left to tell; anything else is a bug.
  if (error.code !== "EPIPE") throw error;
});
void main(process.argv);
