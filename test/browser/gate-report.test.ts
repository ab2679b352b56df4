/**
 * The HTML gate report in a real browser (Debian's Chromium through playwright-core, as the editor
 * suite drives it): every gate has its section, every chart is an SVG with its threshold marked,
 * nothing is requested beyond the file itself, and axe-core finds no accessibility violation
 * (headings, contrast, alternative text) in the light or the dark scheme. Screenshots go to
 * test/browser/artifacts/ (git-ignored) for CI to keep. Outside CI a machine without Chromium skips
 * with the reason; in CI (CI=true) a missing browser fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test/browser/artifacts');
const GATES = ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'];
const NOW = '2026-11-26T12:00:00Z';

/** Why the browser tests cannot run here, or undefined when they can. */
function missingBrowser(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `Chromium is not installed at ${CHROMIUM} (apt-get install chromium, or run npm run test:editor once)`;
}

const missing = missingBrowser();
if (missing && process.env['CI']) throw new Error(`CI must run the browser tests: ${missing}`);
const skip = missing ? `skipped: ${missing}` : false;

/** Writes the report of an example with the bundled CLI (as `npm run demo` does) and returns its path. */
function writeReport(dir: string, example: string): string {
  const out = path.join(dir, `${example}.report.html`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'run', `examples/${example}/release-card.yaml`, '--now', NOW, '--no-record', '--quiet', '--format', 'html', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `release-gates run exited ${r.status}: ${r.stderr}`);
  return out;
}

/** Opens a file with every request recorded; anything but the file itself is refused. */
async function openRecorded(browser: Browser, file: string, colorScheme: 'light' | 'dark'): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme });
  const requests: string[] = [];
  const own = pathToFileURL(file).href;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    await (url === own ? route.continue() : route.abort('blockedbyclient'));
  });
  const page = await context.newPage();
  await page.goto(own);
  return { page, requests };
}

describe('the HTML gate report in Chromium', { skip }, () => {
  let browser: Browser;
  let dir: string;
  const reports = new Map<string, string>();

  before(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    dir = mkdtempSync(path.join(tmpdir(), 'rg-report-'));
    for (const example of ['churn', 'churn-blocked']) reports.set(example, writeReport(dir, example));
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const example of ['churn', 'churn-blocked']) {
    it(`${example}: a section per gate, an SVG per chart with its threshold, no request leaving the page`, async () => {
      const file = reports.get(example) as string;
      const { page, requests } = await openRecorded(browser, file, 'light');
      for (const gate of GATES) {
        const heading = page.locator(`section#gate-${gate} h2`);
        assert.equal(await heading.count(), 1, `no section for the ${gate} gate`);
      }
      const figures = page.locator('figure.chart');
      const count = await figures.count();
      assert.ok(count >= 8, `only ${count} charts`);
      for (let i = 0; i < count; i++) {
        const fig = figures.nth(i);
        const name = await fig.getAttribute('data-check');
        assert.equal(await fig.locator('svg').count(), 1, `${name}: not one SVG`);
        assert.ok((await fig.locator('svg [aria-label^="threshold"]').count()) >= 1, `${name}: no threshold mark`);
        assert.ok(((await fig.locator('figcaption').textContent()) ?? '').length > 20, `${name}: no caption`);
      }
      // Each gate that stores chart data draws it (observability draws its planes as a table).
      for (const gate of ['data', 'quality', 'robustness', 'performance', 'cost', 'rollback']) {
        assert.ok((await page.locator(`section#gate-${gate} figure.chart`).count()) >= 1, `${gate}: no chart`);
      }
      assert.equal(await page.locator('section#gate-observability table.planes tbody tr').count(), 4);
      assert.deepEqual(requests, [pathToFileURL(file).href], 'the report requested something beyond itself');
      await page.screenshot({ path: path.join(ARTIFACTS, `gate-report-${example}.png`), fullPage: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `gate-report-${example}-top.png`) });
      await page.context().close();
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`churn-blocked: axe-core finds no accessibility violation (${scheme} scheme)`, async () => {
      const { page } = await openRecorded(browser, reports.get('churn-blocked') as string, scheme);
      // Evaluated through the debugging protocol, so the page's policy (no scripts) still holds for the page itself.
      await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const result = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[]; passes: { id: string }[] }> } }).axe;
        return axe.run({ resultTypes: ['violations', 'passes'] });
      });
      const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))})`);
      assert.deepEqual(violations, []);
      // The checks the issue names did run: headings, contrast, alternative text of the charts.
      const passed = new Set(result.passes.map((p) => p.id));
      for (const rule of ['color-contrast', 'heading-order', 'svg-img-alt', 'page-has-heading-one', 'document-title']) assert.ok(passed.has(rule), `axe did not check ${rule}`);
      if (scheme === 'dark') await page.screenshot({ path: path.join(ARTIFACTS, 'gate-report-churn-blocked-dark-top.png') });
      await page.context().close();
    });
  }
});
