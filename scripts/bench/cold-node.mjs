// One Node cold start (issue 16), run in a fresh process by
// scripts/bench-wasm.mjs: the web entry's .wasm compiled and instantiated,
// then the first and second priceCart of a cart. Prints one JSON line.
//
//   node scripts/bench/cold-node.mjs pkg/web benches/typical.json
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { coldStart } from './measure.mjs';

const [pkgDir, cartFile] = process.argv.slice(2);
const web = await import(pathToFileURL(resolve(pkgDir, 'sharecart.js')).href);
const bytes = readFileSync(join(pkgDir, 'sharecart_bg.wasm'));
const request = JSON.parse(readFileSync(cartFile, 'utf8'));
console.log(JSON.stringify(await coldStart(web, bytes, request, () => performance.now())));
