// Bad files and bad scenarios. On the cohort page: a file that is not CSV
// (a PNG), a spreadsheet saved as .xlsx, a 2 GB file, a file with only its
// header row, and a file with an id twice; each gets a message that says what
// is wrong, no figure comes from it, and the page still works after. On the
// scenario page: a negative rate typed into a cell, score bands that overlap
// in a pasted policy file, and fractions that do not add up to one; each gets
// a message, and no figure comes from the scenario while it has a mistake.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  suite, visit, enter, paste, hasText, text, noScenarioFigure, E2E,
  loadCohort, loadDemo, cohortFigures, figure,
} from '../lib/harness.mjs';
import { TRAFFORD_YAML, lineOf } from '../lib/cases.mjs';

const s = suite({ warm: true });

async function cohortPage(t, fragment = '') {
  const page = await s.page({}, t);
  await visit(page, s.url, `cohort${fragment}`);
  await hasText(page.locator('h1'), 'A whole cohort');
  return page;
}

// refused checks the message beside the file input, that no figure is
// shown, and that the page still works: the demonstration cohort loads, and
// the message goes.
async function refused(page, ...message) {
  await hasText(page.locator('#cohort-file-error'), ...message);
  assert.equal(await page.locator('#cohort-results').count(), 0, 'no figure from the file');
  await loadDemo(page);
  assert.deepEqual(figure(await cohortFigures(page), 'Children'), ['153']); // no scenario: the published column alone
  assert.equal(await page.locator('#cohort-file-error').count(), 0, 'the message has gone');
}

// crc32 is the checksum PNG chunks and zip entries carry (ISO 3309).
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// png is a whole PNG image of one grey pixel.
function png() {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, sum]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1 × 1, 8-bit grey
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))), chunk('IEND', Buffer.alloc(0))]);
}

// xlsx is a zip archive, as an .xlsx file is, holding one stored file: the
// [Content_Types].xml every .xlsx opens with.
function xlsx() {
  const name = Buffer.from('[Content_Types].xml');
  const data = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); // PK\x03\x04
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0021, 12); // 1 January 1980
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0021, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

// sparse makes a file of the given size in the system's temporary folder
// that takes no room on the disk, and resolves to its path and a function
// that deletes it.
function sparse(name, size) {
  const dir = mkdtempSync(join(tmpdir(), 'openras-e2e-'));
  const path = join(dir, name);
  closeSync(openSync(path, 'w'));
  truncateSync(path, size);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// The files the page refuses, one after the other in one page. After each,
// the demonstration cohort loads (refused checks it).
test('files that are not a cohort are refused with a message, and the page still works', async (t) => {
  const page = await cohortPage(t);
  await t.test('a 2 GB file, by its size, before it is read', async (t) => {
    const big = sparse('cohort-2gb.csv', 2 * 1024 ** 3);
    t.after(big.remove);
    await page.setInputFiles('#cohort-file', big.path);
    // 2 × 1024³ bytes is 2,048 MB of 1024² bytes; the page takes at most 256.
    await refused(page, 'cohort-2gb.csv is 2048 MB', 'at most 256 MB');
  });
  // The files below come after the demonstration cohort, whose figures go.
  await t.test('a PNG, as not a CSV text file', async () => {
    await page.setInputFiles('#cohort-file', { name: 'photo.png', mimeType: 'image/png', buffer: png() });
    await refused(page, 'photo.png', 'is not a CSV text file', 'save it as "CSV UTF-8"');
  });
  await t.test('a spreadsheet saved as .xlsx, with a message that says to save it as CSV', async () => {
    await page.setInputFiles('#cohort-file', {
      name: 'children.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx(),
    });
    await refused(page, 'children.xlsx', 'is a spreadsheet (.xlsx or .ods), not a CSV file', 'save it as "CSV UTF-8"');
  });
  await t.test('a file with only its header row: it has no children', async () => {
    await page.setInputFiles('#cohort-file', { name: 'header-only.csv', mimeType: 'text/csv', buffer: Buffer.from('id,score,age\n') });
    await refused(page, 'header-only.csv', 'has a header but no rows');
  });
  await t.test('a 2 GB file after a cohort leaves no figure of that cohort on the page', async (t) => {
    const big = sparse('cohort-2gb.csv', 2 * 1024 ** 3);
    t.after(big.remove);
    await page.setInputFiles('#cohort-file', big.path);
    await hasText(page.locator('#cohort-file-error'), 'cohort-2gb.csv is 2048 MB');
    assert.equal(await page.locator('#cohort-results').count(), 0, 'no figure left from the demonstration cohort');
  });
});

test('a file with an id twice lists that row with its line and why; the other rows are computed', async () => {
  const page = await cohortPage();
  await loadCohort(page, join(E2E, 'fixtures', 'duplicate-ids.csv'));
  // The file's line 4 (its header is line 1) gives kid-1 again.
  await hasText(page.locator('#cohort-results'), '1 row with mistakes, left out of every figure',
    'Line 4: id: "kid-1" is also the id of the row on line 2: each child needs its own id');
  // The other three, under Trafford 2013 (§6.3): kid-1, 180 points at 12
  // (10–13, 150–199, £0.30): 180 × 0.30 × 52 = 2,808.00; kid-2, 120 at 7:
  // the fixed offer of band 5–9, 750.00; kid-3, 150 at 6 (5–9, 150–199,
  // £0.20): 150 × 0.20 × 52 = 1,560.00. Together 5,118.00.
  const rows = await cohortFigures(page);
  assert.deepEqual(figure(rows, 'Children'), ['3']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Rows with errors'), ['1']); // no scenario: the published column alone
  assert.deepEqual(figure(rows, 'Total allocation'), ['£5,118.00']); // no scenario: the published column alone
});

// The scenario page.
const RATE = 'param-rates-10-13-200-259';

async function scenarioPage(t) {
  const page = await s.page({}, t);
  await visit(page, s.url, 'scenario');
  await hasText(page.locator('h1'), 'Try a change to the rules');
  return page;
}

test('a rate of -1 typed into its cell: the message beside it and in the summary, and no figure', async (t) => {
  const page = await scenarioPage(t);
  await enter(page, RATE, '-1');
  const message = 'rates.10-13.200-259: "-1" is negative: an amount here is 0 or more';
  await hasText(page.locator('#error-summary'), message);
  await noScenarioFigure(page);
  const cell = page.locator(`#${RATE}`);
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  await hasText(cell.locator('..').locator('.cell-error'), 'Error: "-1" is negative: an amount here is 0 or more');
  assert.equal(await page.locator('#error-summary a').filter({ hasText: message }).getAttribute('href'), `#${RATE}`);

  await t.test('the message says why: a rate cannot be below £0', async () => {
    assert.match(await text(page.locator('#error-summary')), /below (£)?0|negative/);
  });
});

test('score bands that overlap in a pasted policy file: the message with its line, and no figure', async () => {
  const page = await scenarioPage();
  await page.locator('summary', { hasText: 'Load or paste a whole policy file instead' }).click();
  // Trafford's band 150–199 made to end at 205, into the band 200–259 after it.
  const bad = TRAFFORD_YAML.replace('      from: 150\n      to: 199\n', '      from: 150\n      to: 205\n');
  assert.notEqual(bad, TRAFFORD_YAML);
  await paste(page, 'policy-text', bad);
  // The band that overlaps begins on the line "    - id: 200-259" of the
  // pasted text (52 in the file as shipped).
  const line = lineOf(bad, '    - id: 200-259');
  await hasText(page.locator('#error-summary'), `line ${line}: scores.bands.4.from: "200" overlaps band 150-199, which ends at 205`);
  await noScenarioFigure(page);
});

test('fractions of a transition group that do not add up to one: the message beside the field, and no figure', async () => {
  const page = await scenarioPage();
  // Group 3 (the third group of transition.groups) takes the difference in
  // two halves (Appendix 1); ½ + ⅓ = ⅚, not 1.
  const field = 'param-transition-groups-3-fractions';
  await enter(page, field, '1/2, 1/3');
  const message = 'transition.groups.3.fractions: sum to 5/6, not 1';
  await hasText(page.locator('#error-summary'), message);
  await hasText(page.locator(`#${field}-error`), message);
  await noScenarioFigure(page);
});

test('a cohort\'s figures go when the scenario gets a mistake, and the mistake is shown', async () => {
  const page = await cohortPage();
  await loadCohort(page, join(E2E, 'fixtures', 'two-children.csv'));
  // 200 × 0.75 × 52 + 210 × 0.75 × 52 = 7,800.00 + 8,190.00 (§6.3).
  assert.deepEqual(figure(await cohortFigures(page), 'Total allocation'), ['£15,990.00']); // no scenario: the published column alone
  // A link within the site to the same page with a scenario whose rate is -1:
  // the page reads the new fragment without loading again.
  const url = new URL(page.url());
  url.hash = 'policy=trafford-2013&c=rates.10-13.200-259%3D%22-1%22';
  await page.goto(url.href);
  await hasText(page.locator('#error-summary'), 'The scenario has a mistake, so no figure is shown from it',
    'rates.10-13.200-259: "-1" is negative: an amount here is 0 or more');
  assert.equal(await page.locator('#cohort-results').count(), 0, 'no figure under the scenario with a mistake');
});
