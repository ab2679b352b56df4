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
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await activeTab(page, name).waitFor({ timeout: UI_TIMEOUT_MS });
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

/** The Problems tab's label, which says "Total N Problems" when there are any. */
const PROBLEMS_TAB = '.part.panel .composite-bar .action-item[aria-label^="Problems"]';

/** Waits until the Problems panel's total is `expected` and returns it; fails with what it last showed. */
export async function waitForProblemsTotal(page: Page, expected: number): Promise<number> {
  try {
    await page.waitForFunction(
      ({ selector, n }) => {
        const label = document.querySelector(selector)?.getAttribute('aria-label') ?? '';
        const total = /Total (\d+) Problem/.exec(label)?.[1];
        return (total === undefined ? 0 : Number(total)) === n;
      },
      { selector: PROBLEMS_TAB, n: expected },
      { timeout: UI_TIMEOUT_MS },
    );
    return expected;
  } catch (error) {
    const label = await page.locator(PROBLEMS_TAB).getAttribute('aria-label').catch(() => null);
    throw new Error(`the Problems panel did not reach ${expected} problems; its tab says ${JSON.stringify(label)}`, { cause: error });
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
