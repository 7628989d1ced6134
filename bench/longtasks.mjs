// longtasks prints the table of `make bench-hostile`: for each hostile input
// the browser tests gave the scenario page (e2e/tests/hostile.test.mjs), the
// longest task that kept the page from answering input, beside the bound
// the page is held to. It reads e2e/artifacts/long-tasks.json, which that
// test file writes, and asserts nothing.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'e2e/artifacts/long-tasks.json';
const { bound, measured } = JSON.parse(readFileSync(file, 'utf8'));
const rows = measured.map(({ input, tasks }) => {
  const longest = tasks.length ? Math.max(...tasks) : 0;
  return [input, longest ? `${longest} ms` : 'none over 50 ms', `${bound} ms`, longest <= bound ? 'met' : 'NOT MET'];
});
const head = ['input', 'longest task', 'bound', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));
