#!/usr/bin/env node
/** The `rule12b1` command: a shim over `main` (see cli.ts). */
import { main } from "./cli";

void main(process.argv);
