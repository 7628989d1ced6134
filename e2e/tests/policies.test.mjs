// A council's own policy file with a mistake, passed to `make site` as
// POLICIES, stops the build with the file's name, the line and what is
// wrong; no site is written.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { E2E, ROOT } from '../lib/harness.mjs';

test('a policy file with a rate of "0.7x" stops make site with its file:line message', (t) => {
  const tmp = mkdtempSync(join(E2E, '.tmp-policies-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const policies = join(tmp, 'policies');
  const dist = join(tmp, 'dist');
  const original = readFileSync(join(ROOT, 'policies', 'trafford-2013.yaml'), 'utf8');
  // The rate of the 5–9 band for 260+ points, £0.75 (§6.3), mistyped.
  const lines = original.split('\n');
  const line = lines.findIndex((l) => /^\s+5-9:.*260-plus: "0\.75"/.test(l));
  assert.ok(line >= 0, 'the 5–9 rates are in the policy file');
  lines[line] = lines[line].replace('260-plus: "0.75"', '260-plus: "0.7x"');
  const file = join(policies, 'trafford-2013.yaml');
  mkdirSync(policies);
  writeFileSync(file, lines.join('\n'));

  // make runs with a clean environment for make itself: not the jobserver
  // or flags of a make that may be running these tests.
  const env = { ...process.env };
  for (const k of ['MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES']) delete env[k];
  const r = spawnSync('make', ['--no-print-directory', 'site', `POLICIES=${policies}`, `DIST=${relative(ROOT, dist)}`],
    { cwd: ROOT, env, encoding: 'utf8', timeout: 300_000 });
  const output = `${r.stdout}\n${r.stderr}`;
  assert.notEqual(r.status, 0, `make site succeeded:\n${output}`);
  assert.ok(output.includes(`${file}:${line + 1}:`), `the message names ${file}:${line + 1}:\n${output}`);
  assert.match(output, /"0\.7x" is not an amount/);
  assert.equal(existsSync(join(dist, 'index.html')), false, 'no site was written');
  assert.equal(existsSync(join(dist, 'web', 'app.wasm')), false, 'no program was built');
});
