#!/usr/bin/env node
// Measures the JavaScript a browser loads before the first screen: the entry script of
// dist/index.html, its modulepreloads, and every chunk they import statically (not the lazily
// loaded routes). Fails when the gzip total is above the budget. Also prints the brotli total: the
// .br copies the build wrote, which the backend sends to browsers that accept brotli (all current ones).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 300 * 1000; // 300 KB gzip
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(2);
}

const fromHtml = [
  ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
].map((m) => m[1]);

// Static imports in built chunks: `import{a as b}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
// Dynamic `import("./x.js")` is a lazy route and is not counted.
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+\.js)["']/g;

const seen = new Map();
const queue = fromHtml.map((src) => join(dist, src.replace(/^\//, '')));
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  const code = readFileSync(file);
  const brotli = existsSync(`${file}.br`) ? statSync(`${file}.br`).size : code.length;
  seen.set(file, { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, brotli });
  for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) {
    queue.push(m[1].startsWith('/') ? join(dist, m[1].slice(1)) : resolve(dirname(file), m[1]));
  }
}

let raw = 0;
let gzip = 0;
let brotli = 0;
for (const [file, size] of seen) {
  raw += size.raw;
  gzip += size.gzip;
  brotli += size.brotli;
  console.log(`  ${file.slice(dist.length + 1).padEnd(48)} ${(size.gzip / 1000).toFixed(1).padStart(7)} KB gzip`);
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(
  `Initial JavaScript: ${seen.size} files, ${kb(raw)} raw, ${kb(gzip)} gzip (budget ${kb(BUDGET_BYTES)}), ${kb(brotli)} brotli as served.`,
);
if (gzip > BUDGET_BYTES) {
  console.error('Over budget: split more routes or drop a dependency.');
  process.exit(1);
}
