// The end-to-end tests' harness: the local server, Debian's Chromium driven by
// playwright-core (no browser is ever downloaded), a page that records its
// console errors and Content-Security-Policy violations, and helpers that
// wait on conditions rather than on time.
//
// `make e2e` builds what the tests need first: the site in e2e/.dist, the same
// site under the sub-path /openras in e2e/.dist-prefix, and the local server
// in e2e/.bin/serve. Each test file starts its own server on a free loopback
// port (the kernel picks it: -addr 127.0.0.1:0) and stops it when it ends.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';

export const E2E = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(E2E, '..');
export const DIST = process.env.E2E_DIST || join(E2E, '.dist');
export const DIST_PREFIX = process.env.E2E_DIST_PREFIX || join(E2E, '.dist-prefix');
export const PREFIX = '/openras';
export const SERVE = process.env.E2E_SERVE || join(E2E, '.bin', 'serve');
export const ARTIFACTS = join(E2E, 'artifacts');
export const CHROMIUM = '/usr/bin/chromium';

// How long the page may take to start its WebAssembly program, and any one
// condition to come true. Generous: a loaded 2-core machine is slow.
export const START_TIMEOUT = 60_000;
export const TIMEOUT = 10_000;
// How long a key or a click may take to be taken in: the page re-renders in
// milliseconds, so a focus or a keystroke not there after this is lost.
export const KEY_TIMEOUT = 5_000;

const servers = new Set();
function stopAll() {
  for (const s of servers) {
    try { s.kill('SIGTERM'); } catch { /* already gone */ }
  }
}
process.on('exit', stopAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { stopAll(); process.exit(130); });
}

// startServer serves a generated site as a static host does, on a free
// loopback port. It resolves to { url, origin, stop }: url is the site's
// root, with the prefix and a trailing slash.
export async function startServer({ dir = DIST, prefix = '' } = {}) {
  for (const [what, path] of [['the site', join(dir, 'index.html')], ['the server', SERVE]]) {
    if (!existsSync(path)) {
      throw new Error(`${path} is missing: ${what} is built by \`make e2e\``);
    }
  }
  const child = spawn(SERVE, ['serve', '-dir', dir, '-addr', '127.0.0.1:0', '-prefix', prefix], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.add(child);
  let output = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start: ${output}`)), TIMEOUT);
    const read = (chunk) => {
      output += chunk;
      const m = /Serving OpenRAS at (http:\/\/127\.0\.0\.1:\d+\S*\/)/.exec(output);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`the server stopped (${code}): ${output}`)); });
  });
  const exited = new Promise((ok) => child.on('exit', ok));
  return {
    url,
    origin: new URL(url).origin,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      servers.delete(child);
    },
  };
}

// launch starts Debian's Chromium, headless, with a fresh profile:
// playwright-core gives every browser it launches a new temporary
// user-data-dir and deletes it on close.
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// openContext is a fresh browsing context (its own storage and service
// worker) whose pages record what went wrong in them: console errors,
// uncaught exceptions and Content-Security-Policy violations. The
// violations are reported from the page through a binding, which the
// page's own CSP does not govern.
export async function openContext(browser, options = {}) {
  const context = await browser.newContext(options);
  const problems = { console: [], pageErrors: [], csp: [] };
  context.problems = problems;
  if (options.javaScriptEnabled !== false) {
    await context.exposeBinding('__openrasCSP', ({ page }, v) => {
      problems.csp.push({ page: page.url(), ...v });
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__openrasCSP({
          directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
        });
      });
    });
  }
  context.on('page', (page) => watch(page, problems));
  return context;
}

function watch(page, problems) {
  page.on('console', (m) => {
    if (m.type() === 'error') {
      problems.console.push({ page: page.url(), text: m.text(), at: m.location().url });
    }
  });
  page.on('pageerror', (e) => problems.pageErrors.push({ page: page.url(), text: String(e) }));
}

// openPage opens a page in a fresh context.
export async function openPage(browser, options = {}) {
  const context = await openContext(browser, options);
  const page = await context.newPage();
  return page;
}

// started waits until the page's WebAssembly program runs: go-app removes
// its loader then. A loader that says the program failed fails the test.
export async function started(page) {
  const loader = page.locator('#app-wasm-loader');
  try {
    await loader.waitFor({ state: 'detached', timeout: START_TIMEOUT });
  } catch (e) {
    const label = await page.locator('#app-wasm-loader-label').textContent().catch(() => '');
    throw new Error(`the calculator did not start: ${label}\n${e.message}`);
  }
}

// visit opens url (a path of the site and a fragment, like
// '#policy=trafford-2013&score=261') and waits for the program to start.
export async function visit(page, base, path = '') {
  await page.goto(path ? new URL(path, base).href : base);
  await started(page);
}

// eventually retries check until it stops throwing, and rethrows its last
// error after timeout: for conditions the page reaches as it re-renders.
export async function eventually(check, { timeout = TIMEOUT, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// holdsProgram waits until the site's service worker is activated and has
// stored app.wasm (or program, councillor.wasm), which it does once the
// page's program has arrived (wasm/worker.js): only then does the calculator
// start with no connection. It asks the page again and again rather than
// through waitForFunction, which takes the promise an async check returns
// for a true answer.
export async function holdsProgram(page, base, { timeout = START_TIMEOUT, program = 'app.wasm' } = {}) {
  const url = new URL(`web/${program}`, base).href;
  await eventually(async () => {
    const state = await page.evaluate(async (program) => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { worker: registration?.active?.state ?? 'none', program: Boolean(await caches.match(program)) };
    }, url);
    assert.deepEqual(state, { worker: 'activated', program: true }, `the service worker is not ready for a visit offline: ${JSON.stringify(state)}`);
  }, { timeout, interval: 100 });
}

// text is an element's visible text with its white space collapsed.
export async function text(locator, timeout = TIMEOUT) {
  return (await locator.innerText({ timeout })).replace(/\s+/g, ' ').trim();
}

// hasText waits until the element's text holds every one of expected.
export async function hasText(locator, ...expected) {
  return eventually(async () => {
    const t = await text(locator, 1_000);
    for (const e of expected) {
      if (e instanceof RegExp) assert.match(t, e);
      else assert.ok(t.includes(e), `expected ${JSON.stringify(e)} in ${JSON.stringify(t)}`);
    }
    return t;
  });
}

// enter puts a value into a field the way pasting or a browser's autofill
// does: the field is focused and gets the whole value in one input event.
// Most tests enter values this way; typing a key at a time is tested on its
// own (typing.test.mjs), because the page loses the focus as an error
// message appears or goes beside the field being typed in.
export async function enter(page, id, value) {
  if (DATE_FIELDS.includes(id)) return enterDate(page, id, value);
  const field = page.locator(`#${id}`);
  await field.fill(value);
  await eventually(async () => assert.equal(await field.inputValue(), value, `#${id}`));
}

// typeKeys types value into the field with the given id a key at a time, as
// a person does: after each key it waits until the page has taken it in
// (the link's fragment holds the field's value so far) before the next.
// Each key goes to whatever has the focus, so a field that loses the focus
// mid-way is caught: the error says where the focus went.
export async function typeKeys(page, id, value) {
  for (let i = 1; i <= value.length; i++) {
    await page.keyboard.type(value[i - 1]);
    try {
      await page.waitForFunction(([id, v]) => new URLSearchParams(location.hash.slice(1)).get(id) === v,
        [id, value.slice(0, i)], { timeout: KEY_TIMEOUT });
    } catch {
      const state = await page.evaluate((id) => {
        const a = document.activeElement;
        return { field: document.getElementById(id)?.value, focus: a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') : 'none' };
      }, id);
      assert.fail(`typing ${JSON.stringify(value)} into #${id}: after ${JSON.stringify(value.slice(0, i))} ` +
        `the field holds ${JSON.stringify(state.field)} and the focus is on ${state.focus}`);
    }
  }
}

// choosePolicy picks a council's policy with its radio button.
export async function choosePolicy(page, id) {
  await page.locator(`#policy-${id}`).check();
}

// submit presses the form's button.
export async function submit(page) {
  await page.getByRole('button', { name: 'Show the budget' }).click();
}

// show moves a calculator page that is already running to the state a
// link's fragment holds, the way a link within the site does: the program
// reads the new fragment without loading again. It waits until the form
// shows the link's values, and the fields the link leaves out are empty. A
// link to the state the page is already in would change nothing, so it gets
// a parameter the page ignores.
let shows = 0;
export async function show(page, values) {
  const url = new URL(page.url());
  url.hash = fragment(values).slice(1);
  if (url.href === page.url()) url.hash += `&e2e=${++shows}`;
  await page.goto(url.href);
  await eventually(async () => {
    assert.ok(await page.locator(`#policy-${values.policy}`).isChecked(), `the policy ${values.policy} is chosen`);
    for (const f of FIELD_ORDER) {
      if (DATE_FIELDS.includes(f)) {
        const parts = dateParts(values[f]);
        for (const b of DATE_BOXES) assert.equal(await page.locator(`#${f}-${b}`).inputValue(), parts[b], `#${f}-${b}`);
        continue;
      }
      const field = page.locator(`#${f}`);
      if (await field.count()) assert.equal(await field.inputValue(), values[f] ?? '', `#${f}`);
    }
  });
}

// clearForm empties every field as a person does, and unticks the box: the
// form is new again, though the page remembers it was submitted.
export async function clearForm(page) {
  for (const f of controlIds(FIELD_ORDER)) {
    const field = page.locator(`#${f}`);
    if (await field.count() && await field.inputValue() !== '') await enter(page, f, '');
  }
  const box = page.locator('#includes_contingency');
  if (await box.count() && await box.isChecked()) await box.uncheck();
}

// link builds the fragment of a link to the calculator from a case's
// values, named as the cohort file's columns.
export function fragment(values) {
  return '#' + new URLSearchParams(values).toString();
}

// scheduleRows reads the transition table of the result: [from, amount, why].
export async function scheduleRows(page) {
  const rows = page.locator('.result table').filter({ hasText: 'Annual amount' }).locator('tbody tr');
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
}

// noProblems asserts that no page of the context logged a console error,
// threw, or was refused anything by its Content-Security-Policy.
export function noProblems(context, { allowConsole = () => false } = {}) {
  const p = context.problems;
  assert.deepEqual(p.csp, [], 'Content-Security-Policy violations');
  assert.deepEqual(p.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(p.console.filter((c) => !allowConsole(c)), [], 'console errors');
}

export const axeSource = readFileSync(join(E2E, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// axe runs axe-core over the page against WCAG 2.2 AA and returns its
// violations, one line each: rule, impact, and the elements. It is injected
// with evaluate: the page's CSP forbids inline scripts, so a script tag
// would be refused.
export async function axe(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  }, WCAG);
  return violations;
}

export function describeViolations(violations) {
  return violations.map((v) => `${v.rule} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `    at ${n.target}: ${n.html}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n')).join('\n');
}

export function artifact(...parts) {
  const path = join(ARTIFACTS, ...parts);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

// The months as the page writes dates: 1 April 2013.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export function longDate(d) {
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}
export function longDateUTC(d) {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// suite sets up a test file: its own server and browser, started before its
// tests and stopped after them.
//
// s.page() opens a page in the file's one browsing context. With warm (a
// file that opens several pages), a first page installs the service worker
// before the tests, so their pages are a returning visitor's: they come from
// the worker's store, where the browser also keeps the compiled program,
// and start in a second or so rather than three. (The page keeps nothing of
// its own: its state is in the address.) s.freshPage(options) opens a page in
// a new context instead: a first visit, with options such as
// javaScriptEnabled or permissions. Pages and fresh contexts are closed
// after the test; with t, after test t, for a test whose subtests share the
// page (the suite's afterEach also runs after each subtest). s.calculator()
// is a calculator page kept for the whole file.
export function suite({ dir = DIST, prefix = '', warm = false } = {}) {
  const s = { open: [], kept: [] };
  before(async () => {
    s.server = await startServer({ dir, prefix });
    s.url = s.server.url;
    s.browser = await launch();
    s.shared = await openContext(s.browser);
    if (!warm) return;
    const first = await s.shared.newPage();
    await visit(first, s.url);
    await first.evaluate(() => navigator.serviceWorker.ready);
    await first.close();
  });
  const closeLater = (thing, t) => {
    if (t) t.after(() => thing.close().catch(() => {}));
    else s.open.push(thing);
    return thing;
  };
  afterEach(async () => {
    await Promise.all(s.open.splice(0).map((c) => c.close().catch(() => {})));
  });
  after(async () => {
    await Promise.all(s.kept.map((p) => p.close().catch(() => {})));
    await s.browser?.close();
    await s.server?.stop();
  });
  s.page = async ({ viewport } = {}, t) => {
    const page = closeLater(await s.shared.newPage(), t);
    if (viewport) await page.setViewportSize(viewport);
    return page;
  };
  s.context = async (options, t) => closeLater(await openContext(s.browser, options), t);
  // Tests move a kept calculator page from state to state with show() and
  // clearForm().
  s.calculator = async ({ viewport } = {}) => {
    const page = await s.shared.newPage();
    s.kept.push(page);
    if (viewport) await page.setViewportSize(viewport);
    await visit(page, s.url);
    return page;
  };
  s.freshPage = async (options, t) => (await s.context(options, t)).newPage();
  return s;
}

// The form's fields in the order the page shows them.
export const FIELD_ORDER = ['score', 'allocation', 'age', 'date_of_birth', 'assessed_on', 'current_cost'];

// The form's dates, each asked for in three boxes, as GOV.UK's date input
// asks: #date_of_birth-day, #date_of_birth-month, #date_of_birth-year. A link
// names the date as one field, date_of_birth=2014-08-20.
export const DATE_FIELDS = ['date_of_birth', 'assessed_on'];
export const DATE_BOXES = ['day', 'month', 'year'];

// dateParts is what the boxes of a date written YYYY-MM-DD hold, as a link
// gives it: { day: '20', month: '08', year: '2014' }; empty for no date.
export function dateParts(iso = '') {
  if (!iso) return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day, month, year };
}

// controlIds are the ids of the controls of the fields names: a date's three
// boxes in its place.
export function controlIds(names) {
  return names.flatMap((f) => (DATE_FIELDS.includes(f) ? DATE_BOXES.map((b) => `${f}-${b}`) : [f]));
}

// enterDate enters a date written YYYY-MM-DD into its day, month and year
// boxes.
export async function enterDate(page, id, iso) {
  const parts = dateParts(iso);
  for (const b of DATE_BOXES) await enter(page, `${id}-${b}`, parts[b]);
}

// typeBox types value into the box with the focus a key at a time, as a
// person does, waiting after each key until the box holds what was typed,
// and checks that the box keeps the focus.
export async function typeBox(page, id, value) {
  for (let i = 1; i <= value.length; i++) {
    await page.keyboard.type(value[i - 1]);
    await eventually(async () => assert.equal(await page.locator(`#${id}`).inputValue(), value.slice(0, i), `#${id}`), { timeout: KEY_TIMEOUT });
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), id, `#${id} keeps the focus`);
}

// fieldValue is what the field named f holds: a date's three boxes read back
// as YYYY-MM-DD (empty when all three are), any other field's text.
export async function fieldValue(page, f) {
  if (!DATE_FIELDS.includes(f)) return page.locator(`#${f}`).inputValue();
  const [day, month, year] = await Promise.all(DATE_BOXES.map((b) => page.locator(`#${f}-${b}`).inputValue()));
  return day || month || year ? `${year}-${month}-${day}` : '';
}

// linkHas waits until the link's fragment holds value for the field id.
export async function linkHas(page, id, value) {
  await page.waitForFunction(([id, v]) => new URLSearchParams(location.hash.slice(1)).get(id) === v, [id, value], { timeout: KEY_TIMEOUT });
}

// fillForm chooses the policy and enters each value into its field.
export async function fillForm(page, values) {
  if (values.policy) await choosePolicy(page, values.policy);
  for (const f of FIELD_ORDER) {
    if (values[f] !== undefined) await enter(page, f, values[f]);
  }
}

// paste puts text into the field with the given id as a person pastes it:
// onto the clipboard, then Ctrl+V into the field with its old text
// selected, which the browser delivers as one input event. (fill() and
// keyboard.insertText() give a textarea one input event a line, and the
// scenario page works the whole policy out again on each.) It grants the
// page's context the clipboard for the page's origin first.
export async function paste(page, id, value) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((v) => navigator.clipboard.writeText(v), value);
  const field = page.locator(`#${id}`);
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await eventually(async () => assert.equal(await field.inputValue(), value, `#${id} holds what was pasted`));
}

import { writeFileSync } from 'node:fs';

// noViolations runs axe-core over the page at each width, as a11y.test.mjs
// does (WCAG 2.2 AA), a subtest a width, and writes each run's violations to
// artifacts/axe/<name>-<width>.json. By default at the widest and the
// narrowest widths of a11y.test.mjs, which also runs each page as it opens at
// 375. todo marks the subtests todo with its reason, for a violation found
// and reported but not yet fixed.
export async function noViolations(t, page, name, { widths = [1280, 320], todo } = {}) {
  for (const width of widths) {
    await t.test(`axe, WCAG 2.2 AA, ${width}px wide`, { todo }, async () => {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForFunction((w) => document.documentElement.clientWidth <= w, width);
      const violations = await axe(page);
      const file = `${name} @ ${width}`.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
      writeFileSync(artifact('axe', `${file}.json`), JSON.stringify(violations, null, 2));
      assert.equal(violations.length, 0, `${name} @ ${width}:\n${describeViolations(violations)}`);
    });
  }
}

// noScenarioFigure checks that nothing on the scenario page is worked out
// from a scenario with a mistake: the error summary says so, the scenario's
// column of the one-child comparison has no amount, there is no chart of its
// budgets, and it cannot be downloaded.
export async function noScenarioFigure(page) {
  await hasText(page.locator('#error-summary'), 'The scenario has a mistake, so no figure is shown from it');
  const scenario = page.locator('.compare-col').nth(1);
  await hasText(scenario, 'No figure.');
  assert.equal(await scenario.locator('.amount').count(), 0, 'no amount in the scenario column');
  assert.equal(await page.locator('#charts-title').count(), 0, 'no chart of the scenario');
  const download = page.getByRole('button', { name: 'Download the scenario (YAML)' });
  if (await download.count()) assert.ok(await download.isDisabled(), 'the scenario cannot be downloaded');
}

// parseCSV reads CSV text as RFC 4180 writes it (quoted cells, doubled
// quotes, commas and line breaks inside quotes) into rows of cells.
export function parseCSV(csv) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (csv[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// downloaded clicks the button named name and resolves to the file the page
// offers: its suggested name and its text.
export async function downloaded(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

// The cohort page's helpers. loadCohort chooses a file in the page's file
// input and waits for its figures; loadDemo loads the demonstration cohort.
export async function loadCohort(page, path) {
  await page.setInputFiles('#cohort-file', path);
  await hasText(page.locator('#cohort-title'), `Cohort: ${path.split('/').pop()}`);
}
export async function loadDemo(page) {
  await page.locator('#demo-cohort').click();
  await hasText(page.locator('#cohort-title'), 'Cohort: the demonstration cohort');
}

// cohortFigures reads the table "The figures under each" of the cohort page:
// a row a figure, [label, published policy, scenario].
export async function cohortFigures(page) {
  const table = page.locator('#cohort-results table').filter({ has: page.locator('caption', { hasText: 'The figures under each' }) });
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
}

// figure is the [published, scenario] of the figure whose label starts with
// label (the transition groups' labels go on to describe the group).
export function figure(rows, label) {
  const row = rows.find((r) => r[0] === label || r[0].startsWith(label + ':'));
  assert.ok(row, `the figure ${JSON.stringify(label)} is shown; the figures are ${rows.map((r) => r[0]).join(', ')}`);
  return row.slice(1);
}
