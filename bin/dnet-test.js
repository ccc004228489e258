#!/usr/bin/env node
// Thin launcher: the CLI is compiled and bundled into dist/bundle by `npm install` (the
// `prepare` script; see scripts/bundle.mjs for why it is bundled).
import { main } from '../dist/bundle/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
