// Nothing leaves the site: every request of a whole journey (the calculator
// loaded, a result worked out, the methodology, scenario and cohort pages by
// the site's links, a source report)
// goes to the site's own origin, the service worker's too; and no page logs
// a console error, throws, or is refused anything by its
// Content-Security-Policy.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { suite, visit, fillForm, submit, hasText, artifact, noProblems } from '../lib/harness.mjs';
import { example3 } from '../lib/cases.mjs';

const s = suite();

test('a whole journey asks no other host for anything, and logs no errors or CSP violations', async () => {
  const context = await s.context();
  const requests = [];
  context.on('request', (r) => requests.push({
    url: r.url(), method: r.method(), type: r.resourceType(), worker: Boolean(r.serviceWorker()),
  }));
  const page = await context.newPage();

  await visit(page, s.url);
  await fillForm(page, example3.values);
  await submit(page);
  await hasText(page.locator('#result'), `${example3.annual} a year`);

  await page.getByRole('link', { name: 'How Trafford 2013 works', exact: true }).click();
  await hasText(page.locator('h1'), 'How Trafford 2013 works out a personal budget');
  await page.getByRole('link', { name: 'Calculator', exact: true }).click();
  await hasText(page.locator('h1'), 'Work out an indicative personal budget');
  await page.getByRole('link', { name: 'Try a change to the rules', exact: true }).click();
  await hasText(page.locator('h1'), 'Try a change to the rules');
  await page.getByRole('link', { name: 'A whole cohort', exact: true }).click();
  await hasText(page.locator('h1'), 'A whole cohort');
  await page.getByRole('link', { name: 'How Rotherham 2017 works', exact: true }).click();
  await hasText(page.locator('h1'), 'How Rotherham 2017 works out a personal budget');
  // The source report's page, from the methodology's "Read the report".
  await Promise.all([
    page.waitForURL(/\/reports\/rotherham-2017$/),
    page.getByRole('link', { name: 'Read the report' }).click(),
  ]);
  await hasText(page.locator('h1'), 'The introduction of a Resource Allocation System');
  await hasText(page.locator('.report-text'), '8.1 The Children and Families Act 2014');

  writeFileSync(artifact('network-requests.json'), JSON.stringify(requests, null, 2));
  assert.ok(requests.some((r) => r.url.endsWith('/web/app.wasm')), 'the journey was recorded');
  const elsewhere = requests.filter((r) => !r.url.startsWith(s.server.origin + '/'));
  assert.deepEqual(elsewhere, [], 'requests to any other origin');
  noProblems(context);
});
