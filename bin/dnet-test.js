#!/usr/bin/env node
// Thin launcher: the CLI is compiled and bundled into dist/bundle by `npm install` (the
// `prepare` script; scripts/bundle.mjs says why), and loaded with its code cache.
import { loadBundle } from './load-bundle.js';

loadBundle().exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
