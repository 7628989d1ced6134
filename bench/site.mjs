// OpenRAS: the measurements of the page that `make bench-site` prints.
//
//   node --experimental-websocket bench/site.mjs --app dist/web/app.wasm \
//        --hello hello.wasm --serve ./wasm-binary --gzserve ./gzserve-binary
//
// 1. The size of app.wasm, the calculator's program, raw, gzip -9 and brotli
//    11, against a bare go-app hello-world built with the same flags; and on
//    a line of its own the size of councillor.wasm, the scenario and cohort
//    pages' program (wasm/main.go), which a family's visit does not download.
// 2. In headless Chromium on Lighthouse's mobile link, for the site as
//    `wasm serve` sends it (identity) and as a static host that compresses
//    sends it (bench/gzserve, gzip; and, with --modes pages, with GitHub
//    Pages' caching headers too): the first contentful paint, the time
//    until the calculator has worked out a result from a link on a first
//    visit (set beside the time its bytes alone need on that link), and the
//    same on a repeat visit once the service worker holds the files.
//
// It measures and prints; it asserts nothing. See bench/README.md.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { harness, int, machineLine, median, ms } from "./lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// The servers, the compressions and the browsers are stopped however the
// measurement ends (bench/lib.mjs).
const { children, cleanups, cleanupRun, cleanup, log, fail, isStopping } = harness("site", root);

const { values: opt } = parseArgs({
  options: {
    app: { type: "string", default: join(root, "dist/web/app.wasm") },
    councillor: { type: "string", default: join(root, "dist/web/councillor.wasm") },
    hello: { type: "string" },
    dist: { type: "string", default: join(root, "dist") },
    prefix: { type: "string", default: "" },
    serve: { type: "string" }, // a built `go build ./wasm`
    gzserve: { type: "string" }, // a built `go build ./bench/gzserve`
    packages: { type: "string" }, // wasmsize's report, printed at the end
    runs: { type: "string", default: "3" },
    modes: { type: "string", default: "identity,gzip" },
    profile: { type: "string", default: "lighthouse" },
    cpu: { type: "string", default: "4" }, // the phone mode's CPU slowdown
    chromium: { type: "string", default: "/usr/bin/chromium" },
    timeout: { type: "string", default: "150" }, // seconds, for each page load
    "keep-bodies": { type: "boolean", default: false }, // DevTools keeps response bodies, as playwright-core has it
    verbose: { type: "boolean", default: false },
  },
});

// Lighthouse's mobile link ("mobileSlow4G" in its constants): rttMs 150,
// throughputKbps 1.6 * 1024 = 1638.4, uploadThroughputKbps 750; Kbit is 1024
// bits there, as in Lighthouse's own call of Network.emulateNetworkConditions
// (downloadThroughput: Kbps * 1024 / 8 bytes a second). Lighthouse's
// "devtools" throttling method, which makes the same call, raises the latency
// to 150 * 3.75 = 562.5 ms and lowers the throughput to 90%, because that
// call adds its latency once a request rather than once a round trip; it is
// here as --profile devtools.
const PROFILES = {
  lighthouse: { name: "Lighthouse mobile (simulated figures)", rttMs: 150, downKbps: 1638.4, upKbps: 750 },
  devtools: { name: "Lighthouse mobile, DevTools throttling", rttMs: 562.5, downKbps: 1474.56, upKbps: 675 },
};
const profile = PROFILES[opt.profile];
if (!profile) fail(`--profile ${opt.profile}: use ${Object.keys(PROFILES).join(" or ")}`);
const bytesPerSecond = (kbps) => (kbps * 1024) / 8;
const conditions = {
  offline: false,
  latency: profile.rttMs,
  downloadThroughput: bytesPerSecond(profile.downKbps),
  uploadThroughput: bytesPerSecond(profile.upKbps),
};
const RUNS = Math.max(1, parseInt(opt.runs, 10) || 3);
// The phone mode slows the page's CPU this many times, as Lighthouse's
// mobile profile does (4×), with Emulation.setCPUThrottlingRate.
const CPU = Math.max(1, Number(opt.cpu) || 4);
const TIMEOUT = Math.max(10, Number(opt.timeout) || 150) * 1000;
const MODES = opt.modes.split(",").map((m) => m.trim()).filter(Boolean);
// identity: as wasm serve sends the site; gzip: gzipped by bench/gzserve,
// wasm serve's headers otherwise; pages: gzipped, with GitHub Pages' caching
// headers (max-age=600 and an ETag) instead of wasm serve's no-cache; phone:
// gzipped as gzip is, on a CPU slowed --cpu times (4, as Lighthouse's mobile
// profile).
const LABELS = { identity: "identity (wasm serve)", gzip: "gzip (gzserve)", pages: "gzip+ETag (-pages)", phone: `gzip, CPU ${CPU}× slower` };
// How slowly each mode's first visit may answer, against the time its bytes
// alone need on the link (the floor): the issue's targets.
const FIRST_GOAL = { identity: 1.2, gzip: 1.2, pages: 1.2, phone: 1.1 };
// The size goal: app.wasm gzipped within this many times the hello-world.
const SIZE_GOAL = 1.3;
for (const m of MODES) if (!LABELS[m]) fail(`--modes: ${m} is not one of ${Object.keys(LABELS).join(", ")}`);

// The link a first visit opens: Trafford, score 261, age 12, whose budget is
// 261 points × £1.00 × 52 weeks = £13,572.00 (Trafford report §6.3). The
// prerendered page shows the same sum in its worked example, so the program's
// result is told apart by where it is: in #result, once go-app has removed
// its loader.
const FRAGMENT = "#policy=trafford-2013&score=261&age=12";
const EXPECTED = "£13,572.00";
// Critical chain of a first visit: the page, then app.wasm, which its head
// names beside its scripts and styles (a preload): two round trips.
const CHAIN_RTTS = 2;

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// READY records, in the page's own clock (milliseconds from the navigation's
// start), the first moment the program's result is on the page, and when
// WebAssembly.instantiateStreaming started and had compiled and instantiated
// app.wasm, when go-app took its loader away (app.js does so as soon as
// Go's run returns, that is once the program's first goroutines wait: the
// page has been rendered), so the time to interactive splits into download,
// compiling, the Go runtime's and packages' initialisation (until the mark
// "openras-main" the program sets as its main starts, wasm/wasm_browser.go),
// go-app's start and first render, and the rest until the result shows.
const MAIN_MARK = "openras-main";
const READY = `(() => {
  const b = (window.__openrasBench = { ready: null, wasmStart: null, instantiated: null, loaderSeen: false, loaderGone: null });
  const check = () => {
    if (b.ready !== null) return;
    const loader = document.getElementById("app-wasm-loader");
    if (loader) b.loaderSeen = true;
    else if (b.loaderSeen && b.loaderGone === null) b.loaderGone = performance.now();
    const result = document.getElementById("result");
    if (!loader && result && result.textContent.includes(${JSON.stringify(EXPECTED)})) {
      b.ready = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = function (...args) {
      if (b.wasmStart === null) b.wasmStart = performance.now();
      const p = orig.apply(this, args);
      p.then(() => { if (b.instantiated === null) b.instantiated = performance.now(); }, () => {});
      return p;
    };
  }
})();`;


// ---------------------------------------------------------------------------
// 1. Sizes
// ---------------------------------------------------------------------------

// sizes compresses in a child process of its own, so that an interrupt
// stops it at once (Node waits for a compression in its own threads before
// it exits).
const SIZES = `
const zlib = require("node:zlib");
const raw = require("node:fs").readFileSync(process.argv[1]);
const gzip = zlib.gzipSync(raw, { level: 9 }).length;
const brotli = zlib.brotliCompressSync(raw, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
  [zlib.constants.BROTLI_PARAM_LGWIN]: 24, // as brotli --best
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
} }).length;
process.stdout.write(JSON.stringify({ raw: raw.length, gzip, brotli }));
`;

function sizes(file) {
  return new Promise((ok, bad) => {
    const child = spawn(process.execPath, ["-e", SIZES, file], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? ok(JSON.parse(out)) : bad(new Error(`compressing ${file} failed (${code})`))));
  });
}

// ---------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------

// start runs a server that prints its address, and returns that address.
function start(cmd, args, pattern) {
  return new Promise((resolveAddr, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start: ${out}`)), 30000);
    const onData = (d) => {
      out += d;
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolveAddr(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} stopped (${code}): ${out}`));
    });
  });
}

// ---------------------------------------------------------------------------
// The Chrome DevTools Protocol: the network conditions of every target,
// service workers included, set before the target runs, the bytes each
// request took, and the page, driven.
// ---------------------------------------------------------------------------

class CDP {
  constructor(url) {
    this.url = url;
    this.next = 0;
    this.pending = new Map();
    this.listeners = [];
  }
  open() {
    return new Promise((ok, bad) => {
      this.ws = new WebSocket(this.url);
      this.ws.onopen = () => ok();
      this.ws.onerror = (e) => bad(new Error("CDP: " + (e.message || "cannot connect")));
      this.ws.onmessage = (e) => this.receive(JSON.parse(e.data));
    });
  }
  send(method, params = {}, sessionId) {
    const id = ++this.next;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    this.ws.send(JSON.stringify(msg));
    return new Promise((ok, bad) => this.pending.set(id, { ok, bad, method }));
  }
  receive(m) {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.error) p.bad(new Error(`${p.method}: ${m.error.message}`));
      else p.ok(m.result);
      return;
    }
    for (const l of this.listeners) l(m);
  }
  close() {
    try { this.ws.close(); } catch { /* closed */ }
    for (const p of this.pending.values()) p.ok(undefined);
    this.pending.clear();
  }
}

// Network keeps what every request of every target took.
class Network {
  constructor() {
    this.targets = new Map(); // sessionId → target type
    this.requests = new Map(); // sessionId/requestId → record
    this.phase = "first";
  }
  on(m) {
    const key = m.sessionId + "/" + (m.params && m.params.requestId);
    const type = this.targets.get(m.sessionId);
    switch (m.method) {
      case "Network.requestWillBeSent": {
        const prev = this.requests.get(key);
        this.requests.set(key, {
          target: type, phase: this.phase, url: m.params.request.url,
          start: m.params.timestamp, done: null, bytes: prev ? prev.bytes : 0,
          fromServiceWorker: false, fromCache: false, failed: false, encoding: "",
        });
        break;
      }
      case "Network.responseReceived": {
        const r = this.requests.get(key);
        if (!r) break;
        const res = m.params.response;
        r.status = res.status;
        r.fromServiceWorker = !!res.fromServiceWorker;
        r.fromCache = !!(res.fromDiskCache || res.fromPrefetchCache || res.fromMemoryCache);
        const h = Object.fromEntries(Object.entries(res.headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
        r.encoding = h["content-encoding"] || "";
        break;
      }
      case "Network.loadingFinished": {
        const r = this.requests.get(key);
        if (!r) break;
        r.done = m.params.timestamp;
        r.bytes = m.params.encodedDataLength;
        break;
      }
      case "Network.loadingFailed": {
        const r = this.requests.get(key);
        if (r) {
          r.done = m.params.timestamp;
          r.failed = true;
        }
        break;
      }
    }
  }
  // list is every request of a phase that came over the network.
  list(phase) {
    return [...this.requests.values()].filter((r) => r.phase === phase && !r.fromServiceWorker && !r.fromCache);
  }
  inFlight(targetType) {
    return [...this.requests.values()].some((r) => r.target === targetType && r.done === null);
  }
}

// bodies is what this bench's Network domain asks of DevTools: to keep no
// response bodies (see run), or with --keep-bodies its default buffers.
const bodies = opt["keep-bodies"] ? {} : { maxTotalBufferSize: 0, maxResourceBufferSize: 0 };

// throttleEverything puts every target of the browser on the link, and the
// page's CPU on its slowdown, each before it runs, and keeps the errors and
// warnings the page and its service worker log in errors. It returns the
// session of the browser's page.
async function throttleEverything(cdp, net, cpu, errors) {
  let found;
  const page = new Promise((r) => (found = r));
  cdp.listeners.push((m) => {
    if (m.method === "Target.attachedToTarget") {
      const { sessionId, targetInfo, waitingForDebugger } = m.params;
      net.targets.set(sessionId, targetInfo.type);
      if (opt.verbose) log(`    attached ${targetInfo.type} ${targetInfo.url} waiting=${waitingForDebugger}`);
      const send = (method, params) => cdp.send(method, params, sessionId).catch((e) => {
        if (opt.verbose) log(`  (${targetInfo.type}: ${e.message})`);
      });
      if (["page", "iframe", "service_worker", "worker", "shared_worker"].includes(targetInfo.type)) {
        // Sent in order on one session, so they are in force before the
        // target runs on.
        send("Network.enable", bodies);
        send("Network.emulateNetworkConditions", conditions);
        if (cpu > 1 && targetInfo.type === "page") send("Emulation.setCPUThrottlingRate", { rate: cpu });
        if (targetInfo.type === "page" || targetInfo.type === "service_worker") send("Runtime.enable", {});
      }
      if (waitingForDebugger) send("Runtime.runIfWaitingForDebugger", {});
      if (targetInfo.type === "page") found(sessionId);
      return;
    }
    if (m.method === "Runtime.consoleAPICalled" && (m.params.type === "error" || m.params.type === "warning")) {
      errors.push((m.params.args || []).map((a) => a.value ?? a.description ?? "").join(" ").slice(0, 200));
    } else if (m.method === "Runtime.exceptionThrown") {
      const d = m.params.exceptionDetails || {};
      errors.push(String((d.exception && d.exception.description) || d.text || "").slice(0, 200));
    }
    if (m.method && m.method.startsWith("Network.")) net.on(m);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
  return Promise.race([page, new Promise((_, bad) => setTimeout(() => bad(new Error("the browser showed no page")), 30000))]);
}

async function devtoolsURL(dir) {
  const file = join(dir, "DevToolsActivePort");
  for (let i = 0; i < 200; i++) {
    if (existsSync(file)) {
      const [port, path] = readFileSync(file, "utf8").split("\n");
      if (port && path) return `ws://127.0.0.1:${port.trim()}${path.trim()}`;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("Chromium wrote no DevToolsActivePort");
}

// ---------------------------------------------------------------------------
// 2. One run: a fresh browser and profile, a first visit, the service worker
// settled, a repeat visit.
//
// The browser is driven over the DevTools protocol alone, not with
// Playwright. Playwright turns DevTools' Network domain on for the page with
// its default buffers, and DevTools then keeps a copy of each response's
// body, app.wasm's included; copying it in as the download ends took the
// page's main thread 100–160 ms at 4× CPU in traces on this machine (a
// task of ResponseBodyLoader::DidFinishLoadingBody, with no script in it),
// after the last byte and before the program compiles. A visitor's browser,
// with no DevTools, does not spend that. This bench's own Network domain,
// which it needs for the link's conditions and the bytes each request took,
// keeps no bodies (--keep-bodies keeps them as before, to compare).
// ---------------------------------------------------------------------------

async function launch(dir) {
  const child = spawn(opt.chromium, [...ARGS, "--remote-debugging-port=0", `--user-data-dir=${dir}`, "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
  const exited = new Promise((r) => child.once("exit", r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  };
  let url;
  try {
    url = await devtoolsURL(dir);
  } catch (e) {
    await stop();
    throw new Error(`${e.message}: ${stderr.trim().split("\n").pop() || "no output"}`);
  }
  return { url, stop };
}

// settle waits until the browser whose profile is dir has finished starting:
// until its processes, together, took less than 30 ms of processor time in
// half a second (at most 10 s). As it starts, Chromium loads pages of its own
// in the background (the address bar's popup), about 2.4 s of processor
// time over its first 1.5 s on this machine; a visitor's browser is already
// running when they open a link, and on the bench's two processors that work
// ran beside the page's first requests.
async function settle(dir) {
  const ticks = () => {
    let t = 0;
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`--user-data-dir=${dir}`)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        t += Number(f[11]) + Number(f[12]); // utime and stime, in ticks of 10 ms
      } catch { /* gone */ }
    }
    return t;
  };
  if (!existsSync("/proc/self/stat")) return;
  const until = Date.now() + 10000;
  let before = ticks();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    const now = ticks();
    if (now - before < 3) return;
    before = now;
  }
}

async function run(base, cpu) {
  const dir = mkdtempSync(join(tmpdir(), "openras-bench-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));
  const browser = await launch(dir);
  cleanups.push(browser.stop);
  // Settled before DevTools slows the page's processor, which keeps the
  // page's renderer busy even on a blank page.
  const settleAt = Date.now();
  await settle(dir);
  if (opt.verbose) log(`    the browser settled in ${Date.now() - settleAt} ms`);
  const cdp = new CDP(browser.url);
  await cdp.open();
  cleanups.push(() => cdp.close());
  const net = new Network();
  const swErrors = [];
  const page = await throttleEverything(cdp, net, cpu, swErrors);
  const send = (method, params) => cdp.send(method, params, page);
  // Lighthouse's mobile screen.
  await send("Emulation.setDeviceMetricsOverride", { width: 412, height: 823, deviceScaleFactor: 1.75, mobile: true });
  await send("Emulation.setTouchEmulationEnabled", { enabled: true });
  await send("Page.enable", {});
  await send("Page.addScriptToEvaluateOnNewDocument", { source: READY });
  const browserVersion = ((await cdp.send("Browser.getVersion")) || {}).product || "";

  // evaluate runs an expression in the page, awaiting the promise it gives.
  const evaluate = async (expression) => {
    const r = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (!r || r.exceptionDetails) {
      throw new Error("in the page: " + (r ? (r.exceptionDetails.exception && r.exceptionDetails.exception.description) || r.exceptionDetails.text : "no answer"));
    }
    return r.result.value;
  };
  // wait waits for the program's result on the page (READY). A page being
  // replaced by the next has no context to ask for a moment: asked again.
  // A page marked stale (before a reload, which DevTools answers before the
  // new page has replaced it) is not the one waited for.
  const wait = async () => {
    const until = Date.now() + TIMEOUT;
    for (;;) {
      try {
        if (await evaluate("!!(window.__openrasBench && !window.__openrasBench.stale && window.__openrasBench.ready !== null)")) return;
      } catch { /* between two documents */ }
      if (Date.now() > until) throw new Error(`no result on the page in ${TIMEOUT / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const navigate = async (method, params) => {
    const r = await send(method, params);
    if (r && r.errorText) throw new Error(`${method}: ${r.errorText}`);
  };

  const url = base + opt.prefix + "/" + FRAGMENT;
  const wasmURL = base + opt.prefix + "/web/app.wasm";
  const read = () => evaluate(`(() => {
    const b = window.__openrasBench;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const wasm = performance.getEntriesByName(${JSON.stringify(wasmURL)}).filter((e) => e.responseEnd <= b.ready).pop();
    const main = performance.getEntriesByName(${JSON.stringify(MAIN_MARK)})[0];
    return {
      ready: b.ready, fcp: fcp ? fcp.startTime : null,
      wasmAsked: wasm ? wasm.startTime : null, wasmEnd: wasm ? wasm.responseEnd : null,
      wasmStart: b.wasmStart, instantiated: b.instantiated,
      main: main ? main.startTime : null, loaderGone: b.loaderGone,
    };
  })()`);

  // First visit: an empty cache.
  await navigate("Page.navigate", { url });
  await wait();
  const first = await read();
  // DevTools tells of the end of app.wasm's download on its own connection,
  // which may come a moment after the page has it.
  for (let i = 0; i < 50 && ![...net.requests.values()].some((r) => r.url === wasmURL && r.target === "page" && r.done !== null); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  // The requests done by the time the result showed (give or take the 200 ms
  // of polling, in which only the manifest's icons may end).
  const journey = net.list("first").filter((r) => r.target === "page" && r.done !== null);
  const bytes = journey.reduce((s, r) => s + r.bytes, 0);
  const wasm = journey.find((r) => r.url === wasmURL);
  first.bytes = bytes;
  first.requests = journey.length;
  first.encoding = wasm ? wasm.encoding || "identity" : "?";
  first.bytesTime = CHAIN_RTTS * profile.rttMs + (bytes * 8 * 1000) / (profile.downKbps * 1024);
  // The link held if app.wasm took at least the time its bytes need.
  if (wasm && first.wasmEnd !== null && first.wasmEnd < (wasm.bytes * 8 * 1000) / (profile.downKbps * 1024)) {
    throw new Error(`app.wasm came in ${ms(first.wasmEnd)}, faster than the emulated link allows: the throttling did not hold`);
  }
  if (opt.verbose) {
    for (const r of [...net.requests.values()].filter((r) => r.target !== "service_worker" && r.done === null)) log(`    not done: ${r.target} ${r.url}`);
    for (const r of journey) log(`    ${r.bytes.toString().padStart(9)}  ${r.encoding || "identity"}  ${r.url}`);
  }

  // The service worker: installed, with app.wasm stored, and done fetching.
  const settleStart = Date.now();
  if (opt.verbose) log(`    first visit done; settling the service worker`);
  const wasmPath = opt.prefix + "/web/app.wasm";
  for (;;) {
    const state = await evaluate(`(async (p) => {
      if (!("serviceWorker" in navigator)) return { none: true };
      const reg = await navigator.serviceWorker.getRegistration();
      const st = (w) => (w ? w.state : "-");
      return {
        active: !!(reg && reg.active),
        stored: !!(await caches.match(p)),
        states: reg ? \`installing \${st(reg.installing)}, waiting \${st(reg.waiting)}, active \${st(reg.active)}\` : "no registration",
      };
    })(${JSON.stringify(wasmPath)})`);
    if (state.none) throw new Error("this browser has no service workers");
    if (state.active && state.stored && !net.inFlight("service_worker")) break;
    if (Date.now() - settleStart > TIMEOUT) {
      const pending = [...net.requests.values()].filter((r) => r.target === "service_worker" && (r.done === null || r.failed)).map((r) => `${r.failed ? "failed" : "pending"} ${r.url}`);
      throw new Error(`the service worker did not store app.wasm in ${TIMEOUT / 1000} s: ${state.states}; app.wasm stored: ${state.stored}; ` +
        `its requests: ${pending.join(", ") || "all done"}; its errors: ${swErrors.join(" | ") || "none"}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (opt.verbose) log(`    settled in ${Date.now() - settleStart} ms`);
  const sw = [...net.requests.values()].filter((r) => r.target === "service_worker" && r.phase === "first" && !r.fromCache);
  first.swBytes = sw.reduce((s, r) => s + r.bytes, 0);
  if (opt.verbose) {
    for (const r of [...net.requests.values()].filter((r) => r.target === "service_worker")) {
      log(`    sw ${r.phase} ${String(r.bytes).padStart(9)} ${r.fromCache ? "cache" : "net"} ${r.status} ${r.encoding || "identity"} ${(r.done - r.start).toFixed(2)} s  ${r.url}`);
    }
  }
  first.swWasmFromNetwork = sw.some((r) => r.url.endsWith("/web/app.wasm") && r.bytes > 100000);

  // Repeat visit: a reload, the service worker answering.
  net.phase = "repeat";
  await evaluate("window.__openrasBench.stale = true");
  await navigate("Page.reload", {});
  await wait();
  const repeat = await read();
  repeat.bytes = net.list("repeat").reduce((s, r) => s + (r.bytes || 0), 0);

  await cleanupRun();
  return { first, repeat, browserVersion };
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

const ratio = (n) => (n === null ? "–" : n.toFixed(3));
const pad = (s, w) => String(s).padStart(w);
const padEnd = (s, w) => String(s).padEnd(w);
const verdict = (ok) => (ok === null ? "not measured" : ok ? "met" : "NOT met");

async function main() {
  if (!opt.hello) fail("--hello: give the hello-world's app.wasm (make bench-site builds it)");
  const t0 = Date.now();
  const load0 = loadavg()[0];

  log("bench-site: compressing app.wasm, councillor.wasm and the hello-world (gzip -9, brotli 11)…");
  const [app, hello, councillor] = await Promise.all([sizes(opt.app), sizes(opt.hello), existsSync(opt.councillor) ? sizes(opt.councillor) : null]);

  const results = {};
  const failures = [];
  let version = "";
  if (MODES.length > 0) {
    if (!opt.serve) fail("--serve: give a built wasm command (go build ./wasm)");
    const direct = await start(opt.serve, ["serve", "-dir", opt.dist, "-addr", "127.0.0.1:0", "-prefix", opt.prefix], /Serving OpenRAS at (http:\/\/[^\s/]+)/);
    const bases = { identity: direct };
    for (const mode of MODES.filter((m) => m !== "identity")) {
      if (!opt.gzserve) fail("--gzserve: give a built bench/gzserve");
      const flags = mode === "pages" ? ["-pages"] : [];
      if (mode === "phone" && bases.gzip) {
        bases.phone = bases.gzip;
        continue;
      }
      bases[mode] = await start(opt.gzserve, [...flags, "-upstream", direct, "-addr", "127.0.0.1:0"], /Serving \(gzip\) at (http:\/\/[^\s/]+)/);
      // Compress each file once before the runs, as a host's cache holds it.
      for (const p of ["/", "/app.js", "/wasm_exec.js", "/app.css", "/web/style.css", "/web/loader.js", "/app-worker.js", "/manifest.webmanifest", "/web/app.wasm"]) {
        await (await fetch(bases[mode] + opt.prefix + p, { headers: { "Accept-Encoding": "gzip" } })).arrayBuffer();
      }
    }
    for (const mode of MODES) {
      results[mode] = [];
      for (let i = 1; i <= RUNS; i++) {
        let r;
        try {
          r = await run(bases[mode], mode === "phone" ? CPU : 1);
        } catch (e) {
          if (isStopping()) return new Promise(() => {}); // the signal's handler exits
          await cleanupRun();
          log(`bench-site: ${mode} run ${i}/${RUNS} failed: ${e.message.split("\n")[0]}`);
          failures.push(`${mode} run ${i}: ${e.message.split("\n")[0]}`);
          continue;
        }
        version = version || r.browserVersion;
        results[mode].push(r);
        log(`bench-site: ${mode} run ${i}/${RUNS}: first paint ${ms(r.first.fcp)}, first visit ${ms(r.first.ready)} ` +
          `(${int(r.first.bytes)} bytes, alone ${ms(r.first.bytesTime)}), repeat visit ${ms(r.repeat.ready)} ` +
          `(app.wasm ${ms(r.repeat.wasmEnd)}, instantiated ${ms(r.repeat.instantiated)})`);
      }
    }
  }

  // ----- print -----
  const out = [];
  const p = (s = "") => out.push(s);
  p("");
  p("OpenRAS site measurements (make bench-site)");
  p("===========================================");
  p("");
  p("1. app.wasm, the calculator's program, against a bare go-app hello-world (testdata/gohello), both built with");
  p('   GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w"; bytes');
  p("");
  const w = 14;
  p(`   ${padEnd("", 22)}${pad("raw", w)}${pad("gzip -9", w)}${pad("brotli 11", w)}`);
  p(`   ${padEnd("app.wasm", 22)}${pad(int(app.raw), w)}${pad(int(app.gzip), w)}${pad(int(app.brotli), w)}`);
  p(`   ${padEnd("hello-world wasm", 22)}${pad(int(hello.raw), w)}${pad(int(hello.gzip), w)}${pad(int(hello.brotli), w)}`);
  p(`   ${padEnd("app / hello-world", 22)}${pad(ratio(app.raw / hello.raw), w)}${pad(ratio(app.gzip / hello.gzip), w)}${pad(ratio(app.brotli / hello.brotli), w)}`);
  p(`   ${padEnd("app − hello-world", 22)}${pad(int(app.raw - hello.raw), w)}${pad(int(app.gzip - hello.gzip), w)}${pad(int(app.brotli - hello.brotli), w)}`);
  const gzRatio = app.gzip / hello.gzip;
  p("");
  p(`   goal, gzip ratio ≤ ${SIZE_GOAL.toFixed(2)}: ${verdict(gzRatio <= SIZE_GOAL)} (${ratio(gzRatio)}; brotli ${ratio(app.brotli / hello.brotli)}; at ${SIZE_GOAL.toFixed(2)} app.wasm would be ${int(hello.gzip * SIZE_GOAL)} bytes gzipped,`);
  p(`   ${int(app.gzip - hello.gzip * SIZE_GOAL)} fewer than now; the floor is the hello-world's ${int(hello.gzip)})`);
  p("   (gzip: zlib level 9; brotli: quality 11, window 2^24, as brotli --best; both Node's zlib)");
  p("");
  if (councillor) {
    p(`   councillor.wasm, the scenario and cohort pages' program (size only): ${int(councillor.raw)} raw (${ratio(councillor.raw / hello.raw)}), ` +
      `${int(councillor.gzip)} gzip -9 (${ratio(councillor.gzip / hello.gzip)}), ${int(councillor.brotli)} brotli 11 (${ratio(councillor.brotli / hello.brotli)}) × the hello-world`);
  } else {
    p(`   councillor.wasm: not found at ${opt.councillor}`);
  }

  if (MODES.length > 0) {
    p("");
    p(`2. The page in headless Chromium ${version}, median of ${RUNS} runs, each in a fresh browser and profile`);
    p(`   link: ${profile.name}: latency ${profile.rttMs} ms, ${profile.downKbps} Kbit/s down, ${profile.upKbps} Kbit/s up`);
    p(`   (Kbit = 1024 bits: ${int(conditions.downloadThroughput)} and ${int(conditions.uploadThroughput)} bytes/s), set with CDP`);
    p("   Network.emulateNetworkConditions on the page and on the service worker, each before it runs;");
    p(`   CPU not slowed, but in the phone column: slowed ${CPU}× (Emulation.setCPUThrottlingRate), as Lighthouse's mobile profile; screen 412×823 at 1.75×`);
    p(`   link opened: ${opt.prefix}/${FRAGMENT} → the program shows ${EXPECTED} in #result`);
    p("");
    const cols = MODES.map((m) => LABELS[m]);
    const cw = 24;
    p(`   ${padEnd("", 44)}${cols.map((c) => pad(c, cw)).join("")}${pad("goal", 18)}`);
    const row = (label, f, fmt, goal = "") =>
      p(`   ${padEnd(label, 44)}${MODES.map((m) => pad(fmt(median(results[m].map(f))), cw)).join("")}${pad(goal, 18)}`);
    // The program's start, in three: the Go runtime and every package's
    // initialisation (until main starts), go-app's start and the first
    // render (until go-app takes its loader away), and the rest until the
    // result is on the page.
    const diff = (a, b) => (a === null || b === null || a === undefined || b === undefined ? null : a - b);
    const startRows = (visit) => {
      row("    runtime and package initialisation", (r) => diff(r[visit].main, r[visit].instantiated), ms);
      row("    go-app's start and first render", (r) => diff(r[visit].loaderGone, r[visit].main), ms);
      row("    then until the result showed", (r) => diff(r[visit].ready, r[visit].loaderGone), ms);
    };
    const goals = MODES.map((m) => FIRST_GOAL[m]).filter((g, i, a) => a.indexOf(g) === i);
    row("first visit: first contentful paint", (r) => r.first.fcp, ms, "< 1 s");
    row("first visit: result interactive", (r) => r.first.ready, ms);
    row("  app.wasm asked for", (r) => r.first.wasmAsked, ms);
    row("  app.wasm downloaded", (r) => r.first.wasmEnd, ms);
    row("  compiled and instantiated", (r) => r.first.instantiated, ms);
    row("  Go program started and rendered", (r) => r.first.ready - r.first.instantiated, ms);
    startRows("first");
    row("  bytes the page took until then", (r) => r.first.bytes, int);
    row("  time those bytes alone need (*)", (r) => r.first.bytesTime, ms);
    row("  interactive / bytes alone", (r) => r.first.ready / r.first.bytesTime, ratio, goals.map((g) => "≤ " + g).join(", "));
    row("  service worker's own download (**)", (r) => r.first.swBytes, int);
    row("repeat visit: first contentful paint", (r) => r.repeat.fcp, ms);
    row("repeat visit: result interactive", (r) => r.repeat.ready, ms, "< 1 s");
    row("  app.wasm from the service worker", (r) => r.repeat.wasmEnd, ms);
    row("  compiled and instantiated", (r) => r.repeat.instantiated, ms);
    row("  Go program started and rendered", (r) => r.repeat.ready - r.repeat.instantiated, ms);
    startRows("repeat");
    row("  bytes over the network", (r) => r.repeat.bytes, int);
    p("");
    for (const f of failures) p(`   FAILED, left out of the medians: ${f}`);
    if (failures.length > 0) p("");
    p("   each run, first visit interactive / repeat visit interactive:");
    for (const m of MODES) {
      p(`     ${padEnd(m, 10)}${results[m].map((r) => `${ms(r.first.ready)} / ${ms(r.repeat.ready)}`).join(",  ")}`);
    }
    p("");
    p("   goals:");
    for (const m of MODES) {
      const fcp = median(results[m].map((r) => r.first.fcp));
      const rel = median(results[m].map((r) => r.first.ready / r.first.bytesTime));
      const rep = median(results[m].map((r) => r.repeat.ready));
      p(`     ${padEnd(m, 10)}first paint < 1 s: ${verdict(fcp === null ? null : fcp < 1000)};  ` +
        `first visit ≤ ${FIRST_GOAL[m]} × bytes alone: ${verdict(rel === null ? null : rel <= FIRST_GOAL[m])};  ` +
        `repeat visit < 1 s: ${verdict(rep === null ? null : rep < 1000)}`);
    }
    p("");
    p(`   (*) ${CHAIN_RTTS} × ${profile.rttMs} ms + 8 × bytes / ${profile.downKbps * 1024} bit/s: the chain page → app.wasm, which`);
    p("       its head names, is two requests, and the emulated link adds its latency once a request and");
    p("       opens no TCP or TLS handshake; bytes = the sum of Network.loadingFinished encodedDataLength");
    p("       (headers included) of the page's requests finished by the time the result showed.");
    p("   (**) bytes the service worker fetched into its cache during the first visit. The page registers");
    p("       the worker once its program has started (site/loader.js), so on a phone, where the two would");
    p("       share the one link, this download comes after the answer (CDP throttles each target on a");
    p("       link of its own, so here it could not have slowed the page either way).");
    p("   identity is what `wasm serve` sends on this machine; gzip is the same gzipped by bench/gzserve, as");
    p("   GitHub Pages sends it to a browser that accepts gzip, with wasm serve's headers otherwise (no-cache).");
    if (MODES.includes("pages")) p("   gzip+ETag also has GitHub Pages' caching headers, max-age=600 and an ETag (bench/gzserve -pages)");
    const dup = MODES.filter((m) => results[m].some((r) => r.first.swWasmFromNetwork));
    if (dup.length > 0) {
      p(`   On a first visit app.wasm came over the network twice (${dup.join(", ")}): once for the page, once`);
      p("   for the service worker's store.");
    }
  }

  if (opt.packages && existsSync(opt.packages)) {
    p("");
    p("3. What app.wasm is made of (bench/wasmsize, on builds that keep their symbols)");
    p("");
    for (const line of readFileSync(opt.packages, "utf8").trimEnd().split("\n")) p(line ? "   " + line : "");
  }
  p("");
  p(machineLine(t0, load0));
  console.log(out.join("\n"));
}

main()
  .catch(async (e) => {
    await cleanup();
    fail(e.stack || String(e));
  })
  .then(cleanup);
