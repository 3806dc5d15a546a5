#!/usr/bin/env node
// Regenerates the API client from ../openapi.json into a temporary folder and compares it with
// src/client; exits 1 when they differ (run `npm run generate` and commit the result).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'src', 'client');
const fresh = mkdtempSync(join(tmpdir(), 'itaku-client-'));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

try {
  execFileSync(join(root, 'node_modules', '.bin', 'openapi-ts'), [], {
    cwd: root,
    env: { ...process.env, CLIENT_OUTPUT: fresh },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const a = new Set(files(committed).map((f) => relative(committed, f)));
  const b = new Set(files(fresh).map((f) => relative(fresh, f)));
  const problems = [];
  for (const f of b) {
    if (!a.has(f)) problems.push(`missing: src/client/${f}`);
    else if (!readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f)))) problems.push(`stale:   src/client/${f}`);
  }
  for (const f of a) if (!b.has(f)) problems.push(`extra:   src/client/${f}`);
  if (problems.length) {
    console.error(`src/client does not match ../openapi.json:\n  ${problems.join('\n  ')}\nRun 'npm run generate'.`);
    process.exitCode = 1;
  } else {
    console.log(`src/client matches ../openapi.json (${b.size} files).`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
