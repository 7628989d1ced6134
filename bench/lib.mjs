// The bench scripts' common ground: the servers and browsers a measurement
// starts, stopped however it ends (done, failed or interrupted); messages;
// and the end-to-end tests' playwright-core, which downloads no browser.

import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

// harness sets up a measurement named name (bench/<name>.mjs, make
// bench-<name>) of the repository at root. children are the processes it
// starts, stopped at the end; cleanups undo what one run set up (its
// browser, its profile), last first, at the run's end (cleanupRun) and at the
// end; onExit, if given, is called at the very end (to remove a temporary
// folder, say).
export function harness(name, root, { onExit } = {}) {
  const children = [];
  const cleanups = [];
  const log = (msg) => process.stderr.write(msg + "\n");
  const fail = (msg) => {
    console.error(`bench/${name}.mjs: ${msg}`);
    process.exit(1);
  };
  async function cleanupRun() {
    for (const c of cleanups.splice(0).reverse()) {
      try { await c(); } catch { /* already gone */ }
    }
  }
  async function cleanup() {
    await cleanupRun();
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    }
    if (onExit) onExit();
  }
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, async () => {
      if (stopping) return;
      stopping = true;
      log(`bench-${name}: ${sig}: stopping the browser and the servers`);
      await cleanup();
      process.exit(130);
    });
  }
  process.on("exit", () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (onExit) onExit();
  });
  function loadPlaywright() {
    try {
      return createRequire(join(root, "e2e/package.json"))("playwright-core");
    } catch {
      fail(`playwright-core is not installed: run npm ci --prefix e2e (make bench-${name} does)`);
    }
  }
  // isStopping says whether a signal is stopping the measurement, so that a
  // run it cut short is not reported as failed.
  const isStopping = () => stopping;
  return { children, cleanups, cleanupRun, cleanup, log, fail, loadPlaywright, isStopping };
}

// The tables' figures: the median of the measured values (null and
// missing ones left out), and numbers and times as the tables print them.
export const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const int = (n) => (n == null ? "–" : Math.round(n).toLocaleString("en-GB"));
export const ms = (n) => (n == null ? "–" : n >= 10000 ? (n / 1000).toFixed(1) + " s" : Math.round(n).toLocaleString("en-GB") + " ms");

// machineLine is a table's last line: how long the measurement took, and
// how busy the machine was, which slows the timings.
export function machineLine(t0, load0) {
  return `(measured in ${Math.round((Date.now() - t0) / 1000)} s on ${cpus().length} cores; load average ${load0.toFixed(1)} at the start, ` +
    `${loadavg()[0].toFixed(1)} at the end: other work on the machine slows the timings)`;
}
