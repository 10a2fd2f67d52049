// The web console in headless Chromium (Debian's, at WPS_CHROMIUM) against a real wpsd at WPS_URL
// (started by run_console_test.sh): a coordinator signs in, searches, filters by a facet, opens and
// edits a profile and sees the server's field violation beside the field, imports a CSV with a bad
// row; a mediation unit requests a shortlist and sees no contact data; the balance chart renders with
// its target line. Each page is checked for labelled controls and, on a phone-sized screen, for no
// sideways scrolling; a screenshot of each goes to WPS_ARTIFACTS. Exits non-zero on the first failure.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import path from 'node:path';

const url = process.env.WPS_URL.replace(/\/$/, '');
const artifacts = process.env.WPS_ARTIFACTS;
const timeout = 15000;

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

// Every visible form control has an accessible name (a label, aria-label or aria-labelledby).
async function expectLabelledControls(page, where) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') &&
                      !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabelled, [], `${where}: controls without a label`);
}

async function expectOneH1(page, where) {
  assert.equal(await page.locator('main h1').count(), 1, `${where}: one h1 in main`);
}

// Picks the sample Sudan process in the view's first select, once the processes have loaded into it.
async function chooseSampleSudanProcess(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('main select option')]
                                     .some((o) => /sudan-sample/.test(o.value)), null, { timeout });
  const option = await page.locator('main select option', { hasText: /Sudan/ }).first().getAttribute('value');
  await page.locator('main select').first().selectOption(option);
}

async function signIn(page, token) {
  await page.goto(`${url}/#/signin`);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('signin-submit').click();
  // The console checks the token, then opens the search.
  await page.waitForFunction(() => location.hash === '#/search', null, { timeout });
}

async function coordinatorJourney(page) {
  await signIn(page, process.env.WPS_COORDINATOR_TOKEN);
  await page.goto(`${url}/#/search`);
  await expectOneH1(page, 'search');
  await expectLabelledControls(page, 'search');
  const total = page.getByTestId('search-total');
  await page.getByTestId('search-results').waitFor({ timeout });
  const everyone = await page.getByTestId('search-result').count();
  assert.ok(everyone > 0, 'the roster shows without a query');

  // Instant results: typing narrows the list without pressing a button.
  const results = page.getByTestId('search-result');
  await page.getByTestId('search-query').fill('a');
  await page.waitForTimeout(50);
  await page.getByTestId('search-query').fill('amina');
  await results.first().waitFor({ timeout });
  await page.waitForFunction(() => /amina/i.test(document.querySelector('[data-testid="search-results"]').innerText),
                             null, { timeout });
  await screenshot(page, '01-search-amina');

  // A facet narrows the results and the total follows.
  await page.getByTestId('search-query').fill('');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="facet-networks-"]').length > 1,
                             null, { timeout });
  const before = await total.innerText();
  const facet = page.locator('[data-testid^="facet-networks-"]').first();
  const facetId = await facet.getAttribute('data-testid');
  await facet.check();
  await page.waitForFunction((b) => document.querySelector('[data-testid="search-total"]').innerText !== b,
                             before, { timeout });
  assert.ok(facetId.startsWith('facet-networks-'));
  const shown = await results.allInnerTexts();
  assert.ok(shown.length > 0, 'results after the facet');
  await screenshot(page, '02-search-facet');

  // A profile, then an edit the server refuses field by field.
  await results.first().locator('a').first().click();
  await page.getByTestId('profile-name').waitFor({ timeout });
  await expectOneH1(page, 'profile');
  await screenshot(page, '03-profile');
  await page.getByTestId('edit-profile').click();
  const years = page.getByTestId('field-years_experience');
  await years.waitFor({ timeout });
  await expectLabelledControls(page, 'edit');
  await years.fill('-4');
  await page.getByTestId('save-profile').click();
  const error = page.getByTestId('error-years_experience');
  await error.waitFor({ state: 'visible', timeout });
  assert.ok((await error.innerText()).trim().length > 0, 'the violation is shown beside the field');
  assert.equal(await years.getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
  await screenshot(page, '04-edit-violation');

  // A CSV import with one good row and one bad one: the per-row report.
  await page.goto(`${url}/#/import`);
  await expectOneH1(page, 'import');
  await expectLabelledControls(page, 'import');
  const csv = [
    'id,network,chapter,given_name,family_name,nationalities,languages,regions,expertise,roles,years_experience,' +
      'availability,unavailable_periods,email,phone,consent_share,bio',
    `e2e-ok,nordic,,Test,Importer,NO,en:C1;no:native,NO;154,elections,mediator,7,available,,,,all,Imported in e2e`,
    `e2e-bad,nordic,,Bad,Row,NO,en:Z9,NO,elections,mediator,seven,available,,,,all,`,
  ].join('\n') + '\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv',
                                                         buffer: Buffer.from(csv) });
  await page.getByTestId('import-submit').click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor({ timeout });
  await page.getByTestId('import-errors').waitFor({ timeout });
  const summaryText = await summary.innerText();
  assert.match(summaryText, /Created 1\b/, `one created: ${summaryText} ${await page.getByTestId('import-errors').innerText()}`);
  assert.ok((await page.getByTestId('import-errors').locator('tbody tr').count()) >= 1, 'the bad row is reported');
  assert.match(await page.getByTestId('import-errors').innerText(), /3/, 'the bad row is row 3');
  await screenshot(page, '05-import');
}

async function mediationUnitJourney(page) {
  await signIn(page, process.env.WPS_UNIT_TOKEN);
  // A new peace process: a bad country code is refused beside its field, then the process is saved and
  // a shortlist requested for it from its page.
  await page.goto(`${url}/#/processes/new`);
  await expectOneH1(page, 'new process');
  await expectLabelledControls(page, 'new process');
  await page.getByTestId('field-process_id').fill('e2e-yemen');
  await page.getByTestId('field-display_name').fill('Yemen talks (e2e)');
  await page.getByTestId('field-countries').fill('ZZ');
  await page.getByTestId('field-working_languages').fill('ar; en');
  await page.getByTestId('save-process').click();
  await page.getByTestId('error-countries').waitFor({ state: 'visible', timeout });
  await screenshot(page, '06a-process-violation');
  await page.getByTestId('field-countries').fill('YE');
  await page.getByTestId('save-process').click();
  await page.waitForFunction(() => /Yemen talks/.test(
    (document.querySelector('[data-testid="process-name"]') || {}).innerText || ''), null, { timeout });
  await page.getByTestId('process-shortlist').click();
  await page.getByTestId('shortlist-submit').waitFor({ timeout });
  await page.getByTestId('shortlist-submit').click();
  await page.getByTestId('candidate').first().waitFor({ timeout });
  assert.match(await page.locator('main').innerText(), /works on Yemen|Western Asia/, 'reasons name the process region');
  await screenshot(page, '06b-process-shortlist');

  await page.goto(`${url}/#/shortlist`);
  await expectOneH1(page, 'shortlist');
  await expectLabelledControls(page, 'shortlist');
  await chooseSampleSudanProcess(page);
  await page.getByTestId('shortlist-submit').click();
  await page.getByTestId('candidate').first().waitFor({ timeout });
  const candidates = await page.getByTestId('candidate').count();
  assert.ok(candidates > 0, 'candidates are listed');
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /@[a-z0-9-]+\.[a-z]/i, 'no e-mail address on the shortlist');
  assert.doesNotMatch(text, /\+\d[\d ]{6,}/, 'no phone number on the shortlist');
  await screenshot(page, '06-shortlist');
}

async function adminJourney(page) {
  await signIn(page, process.env.WPS_ADMIN_TOKEN);
  await page.goto(`${url}/#/balance`);
  await expectOneH1(page, 'balance');
  await chooseSampleSudanProcess(page);
  const chart = page.getByTestId('balance-trend-chart');
  await chart.waitFor({ timeout });
  assert.ok((await chart.locator('circle').count()) >= 2, 'one point per round');
  assert.equal(await chart.getByTestId('target-line').count(), 1, 'the target line is drawn');
  await expectLabelledControls(page, 'balance');
  await screenshot(page, '07-balance');

  await page.goto(`${url}/#/federation`);
  await expectOneH1(page, 'federation');
  await screenshot(page, '08-federation');
  await page.goto(`${url}/#/audit`);
  await expectOneH1(page, 'audit');
  await page.locator('main table').first().waitFor({ timeout });
  assert.match(await page.locator('main').innerText(), /kari-nordmann/, 'the coordinator\'s calls are in the log');
  await screenshot(page, '09-audit');
}

// On a phone-sized screen every view fits the width: tables scroll inside their own box.
async function phoneLayout(browser) {
  const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await signIn(phone, process.env.WPS_COORDINATOR_TOKEN);
  for (const view of ['search', 'import', 'shortlist', 'balance']) {
    await phone.goto(`${url}/#/${view}`);
    await phone.locator('main h1').waitFor({ timeout });
    await phone.waitForTimeout(300);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${view}: the page scrolls sideways by ${overflow}px on a phone`);
    await screenshot(phone, `10-phone-${view}`);
  }
  await phone.close();
}

// Keyboard, on a freshly opened page: the first Tab reaches the skip link, which takes focus to the
// main content.
async function keyboard(browser) {
  const page = await browser.newPage();
  await page.goto(`${url}/#/search`);
  await page.locator('main h1').waitFor({ timeout });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#main',
               'the first Tab reaches the skip link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'main', null,
                             { timeout });
  await page.close();
}

const browser = await chromium.launch({ executablePath: process.env.WPS_CHROMIUM,
                                        args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await coordinatorJourney(page);
  await mediationUnitJourney(page);
  await adminJourney(page);
  await keyboard(browser);
  await phoneLayout(browser);
  assert.deepEqual(errors, [], 'no script errors');
  const elsewhere = requests.filter((r) => !r.startsWith(url));
  assert.deepEqual(elsewhere, [], 'nothing is loaded from elsewhere');
  console.log(`console e2e passed; screenshots in ${artifacts}`);
} finally {
  await browser.close();
}
