// The site's own links: the navigation shows each page (its heading, its
// title, the link marked as the current page), and an unknown address gets
// the "Page not found" page with the status 404. The scenario and cohort
// pages have a program of their own (wasm/main.go): a link to them from the
// calculator's pages loads the page afresh, with that program, keeps the
// link's fragment, and Back and Forward move between the two.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, startServer, visit, started, hasText, eventually, noProblems, DIST_PREFIX, PREFIX,
} from '../lib/harness.mjs';

const s = suite();

const pages = {
  Calculator: { h1: 'Work out an indicative personal budget', title: 'Personal budget calculator – OpenRAS' },
  'How Trafford 2013 works': { h1: 'How Trafford 2013 works out a personal budget', path: 'methodology/trafford-2013' },
  'How Rotherham 2017 works': { h1: 'How Rotherham 2017 works out a personal budget', path: 'methodology/rotherham-2017' },
};

// follow clicks a link of the navigation and checks the page it shows.
async function follow(page, name) {
  const want = pages[name];
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL(want.path ?? '', s.url).pathname));
  await hasText(page.locator('h1'), want.h1);
  assert.equal(await page.title(), want.title ?? `${want.h1} – OpenRAS`);
  const current = page.locator('nav [aria-current="page"]');
  assert.equal(await current.count(), 1);
  assert.equal((await current.innerText()).trim(), name);
}

test('the navigation: calculator → Trafford → calculator → Rotherham → calculator', async () => {
  const page = await s.page();
  await visit(page, s.url);
  await follow(page, 'How Trafford 2013 works');
  await follow(page, 'Calculator');
  await follow(page, 'How Rotherham 2017 works');
  await follow(page, 'Calculator');
});

test('the navigation from one methodology page to the other', async () => {
  const page = await s.page();
  await visit(page, s.url, 'methodology/trafford-2013');
  await follow(page, 'How Rotherham 2017 works');
  await follow(page, 'How Trafford 2013 works');
});

test('an unknown address: status 404 and the page not found, with a link to the calculator', async () => {
  const page = await s.page();
  const response = await page.goto(new URL('no/such/page', s.url).href);
  assert.equal(response.status(), 404);
  await hasText(page.locator('h1'), 'Page not found');
  assert.equal(await page.title(), 'Page not found – OpenRAS');
  await page.getByRole('link', { name: 'Go to the personal budget calculator' }).click();
  await hasText(page.locator('h1'), pages.Calculator.h1);
  assert.equal(new URL(page.url()).pathname, new URL(s.url).pathname);
});

// fresh marks the page's document, and tells whether a later document
// replaced it: a page loaded afresh has no mark.
const mark = (page) => page.evaluate(() => { window.__openrasSameDocument = true; });
const sameDocument = (page) => page.evaluate(() => window.__openrasSameDocument === true);

// runs is the program the page's document runs: the one its head preloads.
const runs = (page) => page.evaluate(() => new URL(document.querySelector('link[rel="preload"][type="application/wasm"]').href).pathname.split('/').pop());

test('from the calculator to the scenario page and back: a fresh page with its own program, the fragment kept, Back and Forward', async (t) => {
  const page = await s.freshPage({}, t);
  await visit(page, s.url);
  assert.equal(await runs(page), 'app.wasm');

  // The navigation's link.
  await mark(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Try a change to the rules', exact: true }).click();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL('scenario', s.url).pathname));
  await started(page);
  await hasText(page.locator('h1'), 'Try a change to the rules');
  assert.equal(await sameDocument(page), false, 'the scenario page was not loaded afresh');
  assert.equal(await runs(page), 'councillor.wasm');

  await page.goBack();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL(s.url).pathname));
  await started(page);
  await hasText(page.locator('h1'), pages.Calculator.h1);
  assert.equal(await runs(page), 'app.wasm');

  // A link with a fragment, as a shared link holds: the page goes with it.
  const hash = '#policy=trafford-2013&score=200&age=12';
  await mark(page);
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.id = 'to-scenario';
    a.textContent = 'the scenario';
    document.querySelector('main').append(a);
  }, new URL('scenario', s.url).pathname + hash);
  await page.locator('#to-scenario').click();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL('scenario', s.url).pathname));
  await started(page);
  assert.equal(new URL(page.url()).hash, hash);
  assert.equal(await page.evaluate(() => location.hash), hash);
  assert.equal(await sameDocument(page), false, 'the scenario page was not loaded afresh');
  assert.equal(await runs(page), 'councillor.wasm');
  await hasText(page.locator('h1'), 'Try a change to the rules');

  await page.goBack();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL(s.url).pathname));
  await hasText(page.locator('h1'), pages.Calculator.h1);
  await page.goForward();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL('scenario', s.url).pathname));
  await started(page);
  assert.equal(new URL(page.url()).hash, hash);
  await hasText(page.locator('h1'), 'Try a change to the rules');

  // From the scenario page, the calculator's link: its program has the
  // calculator too.
  await follow(page, 'Calculator');
  await follow(page, 'How Trafford 2013 works');
  noProblems(page.context());
});

test('from a methodology page to the cohort page: a fresh page with its own program', async () => {
  const page = await s.page();
  await visit(page, s.url, 'methodology/trafford-2013');
  await mark(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'A whole cohort', exact: true }).click();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL('cohort', s.url).pathname));
  await started(page);
  await hasText(page.locator('h1'), 'A whole cohort');
  assert.equal(await sameDocument(page), false, 'the cohort page was not loaded afresh');
  assert.equal(await runs(page), 'councillor.wasm');
  await page.goBack();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, new URL('methodology/trafford-2013', s.url).pathname));
  await hasText(page.locator('h1'), pages['How Trafford 2013 works'].h1);
});

test(`under the sub-path ${PREFIX}: from the calculator to the scenario page with its own program, and Back`, async (t) => {
  const server = await startServer({ dir: DIST_PREFIX, prefix: PREFIX });
  t.after(() => server.stop());
  const page = await s.freshPage({}, t);
  await visit(page, server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Try a change to the rules', exact: true }).click();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, `${PREFIX}/scenario`));
  await started(page);
  assert.equal(await runs(page), 'councillor.wasm');
  await page.goBack();
  await eventually(async () => assert.equal(new URL(page.url()).pathname, `${PREFIX}/`));
  await started(page);
  await hasText(page.locator('h1'), pages.Calculator.h1);
  assert.equal(await runs(page), 'app.wasm');
  noProblems(page.context());
});
