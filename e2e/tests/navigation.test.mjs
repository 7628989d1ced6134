// The site's own links: the navigation shows each page (its heading, its
// title, the link marked as the current page), and an unknown address gets
// the "Page not found" page with the status 404.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visit, hasText, eventually } from '../lib/harness.mjs';

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
