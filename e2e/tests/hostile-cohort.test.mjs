// Hostile cohort files on the cohort page (testdata/hostile): a quote left
// open is one bad row, reported with its line, and the rows after it are read
// (Decision one-line-rows, docs/rules.md "The cohort file"); a column one
// letter from current_cost is named with the column meant, and "Date of birth"
// is read as date_of_birth, as the command line says of the same file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  suite, visit, hasText, ROOT, loadCohort, cohortFigures, figure,
} from '../lib/harness.mjs';

const s = suite({ warm: true });
const hostile = (name) => join(ROOT, 'testdata', 'hostile', name);

async function cohortPage(t) {
  const page = await s.page({}, t);
  await visit(page, s.url, 'cohort');
  await hasText(page.locator('h1'), 'A whole cohort');
  return page;
}

test('a quote left open is one bad row at its line, and the rows after it are read', async (t) => {
  const page = await cohortPage(t);
  await loadCohort(page, hostile('unclosed-quote.csv'));
  // Rows A, B, "C, D, E on lines 2 to 6: line 4 leaves its quote open.
  await hasText(page.locator('#cohort-results'), '1 row with mistakes, left out of every figure',
    'Line 4: is not a well-formed CSV row: the quote that opens field 1 is not closed on its line');
  // A, B, D and E, each 180 points at 12 under Trafford 2013 (§6.3, band
  // 10–13, 150–199, £0.30): 180 × 0.30 × 52 = 2,808.00; four: 11,232.00.
  const rows = await cohortFigures(page);
  assert.deepEqual(figure(rows, 'Children'), ['4']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Rows with errors'), ['1']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Total allocation'), ['£11,232.00']); // no scenario: the published column alone
  assert.equal(await page.locator('#cohort-warnings').count(), 0, 'no warning: every column is known');
});

test('a column one letter from current_cost is named with the column meant', async (t) => {
  const page = await cohortPage(t);
  await loadCohort(page, hostile('misspelt-column.csv'));
  await hasText(page.locator('#cohort-warnings'),
    'column "curent_cost" is not a cohort column and is ignored: did you mean current_cost?',
    'column "Date of birth" is read as date_of_birth');
  // Four children of 180 points born 20 August 2000: 12 on 1 April 2013,
  // 2,808.00 each (as above), and no current cost read.
  const rows = await cohortFigures(page);
  assert.deepEqual(figure(rows, 'Children'), ['4']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Rows with errors'), ['0']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Total allocation'), ['£11,232.00']); // no scenario: the published column alone
});
