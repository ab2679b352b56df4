/**
 * The user-level test: the workbench in Chromium, with the .vsix installed. A user trusts the
 * folder, opens the example card and a copy with two mistakes, sees the Problems panel count what
 * the server found, reads a mistake inline and fixes it with the offered quick fix. Running gates
 * from a code lens and in the Test Explorer come with issue 5: those steps find out whether the
 * extension offers them and skip, with the reason, when it does not yet.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FILES } from '../extension/workspace';
import { closePage, loopbackPage } from './browser';
import { ROOT } from './install';
import { Skip, type Report } from './report';
import type { EditorServer } from './server';
import { goToLine, openProblems, problemRows, quickOpen, runCommand, screenshot, UI_TIMEOUT_MS, waitForProblemsTotal } from './workbench';

/** What the UI test needs from the run. */
export interface UiRun {
  server: EditorServer;
  workspace: string;
  artifacts: string;
  /** What the extension-host suite found the extension to offer. */
  capabilities: Record<string, unknown>;
  report: Report;
}

/**
 * How many problems the Problems panel should count for these cards: what the CLI reports, since
 * the CLI and the server share one engine. Hints are not listed in the panel.
 */
function expectedProblems(workspace: string, files: string[]): number {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', '--format', 'json', ...files], { cwd: workspace, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`release-gates check exited ${r.status}: ${r.stderr}`);
  const findings = JSON.parse(r.stdout) as { severity: string }[];
  return findings.filter((f) => ['error', 'warning', 'info'].includes(f.severity)).length;
}

/** The 1-based line of a gate's definition key in a workspace card. */
function gateLine(workspace: string, gate: string): number {
  const lines = readFileSync(join(workspace, FILES.example), 'utf8').split('\n');
  const at = lines.findIndex((l) => l === `  ${gate}:`);
  if (at < 0) throw new Error(`${FILES.example} has no "${gate}:" gate definition`);
  return at + 1;
}

/** Answers the workspace-trust question as a user who wrote these cards. */
async function trustWorkspace(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Yes, I trust the authors' }).click({ timeout: UI_TIMEOUT_MS });
  await page.locator('.explorer-folders-view', { hasText: FILES.example }).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** What each step works with. */
interface Step {
  page: Page;
  run: UiRun;
  /** Saves a named screenshot under the artifacts folder. */
  shot(name: string): Promise<void>;
}

async function openAndTrust({ page, run, shot }: Step): Promise<void> {
  await page.goto(`${run.server.url}/?folder=${encodeURIComponent(run.workspace)}`);
  await trustWorkspace(page);
  await shot('ui-1-workspace');
}

async function problemsCount({ page, run, shot }: Step): Promise<void> {
  await quickOpen(page, FILES.example);
  await page.locator('.monaco-editor .view-lines', { hasText: 'release_id' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await shot('ui-2-example-card');
  await quickOpen(page, FILES.broken);
  await openProblems(page);
  await waitForProblemsTotal(page, expectedProblems(run.workspace, [FILES.example, FILES.broken]));
  for (const code of ['schema-enum', 'schema-unknown-property']) {
    await problemRows(page).filter({ hasText: code }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  }
  await shot('ui-3-problems');
}

async function quickFix({ page, run, shot }: Step): Promise<void> {
  const before = expectedProblems(run.workspace, [FILES.example, FILES.broken]);
  // Clicking the problem selects the key in the editor; Ctrl+1 moves the focus there.
  await problemRows(page).filter({ hasText: 'schema-unknown-property' }).first().click();
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+.');
  // The preferred fix comes first and has the focus, so Enter applies it, as from the keyboard.
  const fix = page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Rename "stpes" to "steps"' });
  await fix.waitFor({ timeout: UI_TIMEOUT_MS });
  await shot('ui-4-quick-fix');
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'steps: [5, 25, 50, 100]' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await waitForProblemsTotal(page, before - 1);
  await shot('ui-5-fixed');
}

async function runGateLens({ page, run, shot }: Step): Promise<void> {
  if (!(Number(run.capabilities['runGateLenses']) > 0)) {
    throw new Skip('the extension offers no "Run gate" code lens yet (the extension-host suite found none on the example card)');
  }
  await quickOpen(page, FILES.example);
  // Gate lenses sit above the gate definitions, far below the first screen: go to one, as a user scrolls.
  await goToLine(page, gateLine(run.workspace, 'performance'));
  // Monaco keeps some off-screen lenses in the DOM, hidden; the user clicks the one on screen.
  const lens = page.locator('.codelens-decoration a:visible', { hasText: /Run gate/i }).first();
  await lens.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shot('ui-6-lens');
  await lens.click();
  // A finished run replaces "Run gate" by its verdict next to the gate.
  await page.locator('.codelens-decoration:visible', { hasText: /passed|failed|could not decide/i }).first().waitFor({ timeout: 120_000 });
  await shot('ui-7-gate-result');
}

async function testExplorer({ page, shot }: Step): Promise<void> {
  // VS Code shows the Testing view only once an extension has registered a test controller.
  const testing = page.locator('.activitybar .action-item a[aria-label^="Testing"]');
  if ((await testing.count()) === 0) {
    throw new Skip('the extension registers no test controller yet (no Testing view in the activity bar)');
  }
  await testing.click();
  // Cards are the top-level items and start collapsed; the user expands the example card.
  const card = page.locator('.test-explorer .monaco-list-row', { hasText: FILES.example }).first();
  await card.waitFor({ timeout: UI_TIMEOUT_MS });
  await card.click();
  await page.keyboard.press('ArrowRight');
  await page.locator('.test-explorer .monaco-list-row', { hasText: /performance|quality|data|rollback/i }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await shot('ui-8-test-explorer');
}

/** The "now" of the run record the gate report step writes, as `npm run demo` fixes it. */
const REPORT_NOW = '2026-11-26T12:00:00Z';

/** Runs all gates of the example card with the CLI, as CI or a terminal would, so its record has every chart. */
function writeExampleRecord(workspace: string): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'run', FILES.example, '--now', REPORT_NOW, '--quiet'], { cwd: workspace, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`release-gates run exited ${r.status}: ${r.stderr}`);
}

async function gateReportWebview({ page, run, shot }: Step): Promise<void> {
  writeExampleRecord(run.workspace);
  await quickOpen(page, FILES.example);
  await runCommand(page, 'Release Gates: Open Gate Report');
  // A webview's page sits in two nested frames of the workbench.
  const report = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await report.locator('section#gate-rollback h2').waitFor({ timeout: UI_TIMEOUT_MS });
  // The server reads the record the CLI just wrote (a file watcher tells it) and the view follows.
  const chart = report.locator('figure.chart svg [aria-label^="threshold"]').first();
  await chart.waitFor({ state: 'attached', timeout: 60_000 });
  // Room for the report, as a reader would make it: no side bar, no panel, the first chart in view.
  await page.keyboard.press('Control+B');
  if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
  await report.locator('figure.chart').first().scrollIntoViewIfNeeded();
  await shot('ui-9-gate-report');
  await page.locator('iframe.webview.ready').first().screenshot({ path: join(run.artifacts, 'ui-9-gate-report-webview.png') });
  // The status bar keeps the card's verdict while the focus is in the report or in a panel.
  await openProblems(page);
  await page.locator('.statusbar-item', { hasText: /Release gates: (pass|blocked|stale|not run)/ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shot('ui-10-status-bar-with-panel');
}

/** The steps, in the order a user takes them; each is one counted test. */
const STEPS: [string, (step: Step) => Promise<void>][] = [
  ['UI: the workbench opens the workspace and the user trusts it', openAndTrust],
  ['UI: the Problems panel counts our diagnostics on the example card and a broken copy', problemsCount],
  ['UI: a misspelt key is marked inline and its quick fix clears the problem', quickFix],
  ['UI: a "Run gate" code lens runs a gate and shows its result inline', runGateLens],
  ['UI: the gates appear in the Test Explorer', testExplorer],
  ['UI: the gate report opens beside the card with its charts, and the status bar keeps the verdict', gateReportWebview],
];

/** Runs the UI steps in one page; a failed step fails alone and leaves a screenshot. */
export async function runUiTests(browser: Browser, run: UiRun): Promise<void> {
  const blocked: string[] = [];
  const page = await loopbackPage(browser, blocked);
  const step: Step = { page, run, shot: (name) => screenshot(page, run.artifacts, name) };
  let failures = 0;
  try {
    for (const [name, body] of STEPS) {
      await run.report.test(name, () =>
        body(step).catch(async (error: unknown) => {
          if (!(error instanceof Skip)) await step.shot(`ui-failed-${++failures}`).catch(() => undefined);
          throw error;
        }),
      );
    }
  } finally {
    await step.shot('ui-last').catch(() => undefined);
    await closePage(page);
  }
  await run.report.test('UI: the workbench loaded nothing from outside loopback', () => {
    if (blocked.length > 0) throw new Error(`blocked requests: ${JSON.stringify(blocked.slice(0, 10))}`);
  });
}
