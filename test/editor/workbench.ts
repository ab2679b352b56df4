/**
 * What a user does in the workbench, as Playwright steps: open a file by name, run a command, read
 * the Problems count. Every step waits for what the user would see, with a deadline.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** How long one user-visible change may take (the language server starts on the first card). */
export const UI_TIMEOUT_MS = 30_000;

/** The editor tab of a file, once it is the active one. */
function activeTab(page: Page, name: string): ReturnType<Page['locator']> {
  return page.locator('.tabs-container .tab.active', { hasText: name });
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a user types its name. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(name);
  // Click the exact row: Enter can land on the previous list while Quick Open is still filtering.
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) }).first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
  await activeTab(page, name).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Goes to a 1-based line of the active editor (Ctrl+G), which reveals it in the viewport. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a command from the Command Palette by its label. */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(`>${label}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/**
 * The Problems tab, whose accessible label says "Total N Problems" when there are any. The label
 * sits on the tab's link, and on the tab itself only while it is selected, so either may carry it.
 */
const PROBLEMS_TAB = '.part.panel .composite-bar [aria-label^="Problems"]';

/** Waits until the Problems panel's total is `expected`; fails with what its tab last said. */
export async function waitForProblemsTotal(page: Page, expected: number): Promise<void> {
  // The tab's label has "Total N Problems" only when there are some; "Total 3 " never matches 13.
  const label = expected === 0 ? ':not([aria-label*="Total "])' : `[aria-label*="Total ${expected} Problem"]`;
  try {
    await page.locator(`${PROBLEMS_TAB}${label}`).first().waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
  } catch (error) {
    const seen = await page.locator(PROBLEMS_TAB).first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
    throw new Error(`the Problems panel did not reach ${expected} problems; its tab says ${JSON.stringify(seen)}`, { cause: error });
  }
}

/** Opens the Problems panel (Ctrl+Shift+M) and waits until it shows. */
export async function openProblems(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** The rows of the Problems tree, as their text. */
export function problemRows(page: Page): ReturnType<Page['locator']> {
  return page.locator('.markers-panel .monaco-list-row');
}

/** Saves a screenshot under the artifacts folder. */
export async function screenshot(page: Page, artifacts: string, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}
