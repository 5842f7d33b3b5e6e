#!/usr/bin/env node
// Shim: all logic lives in the compiled CLI (src/cli/main.ts).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
