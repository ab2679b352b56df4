/** Headless Debian Chromium driven by playwright-core (no browser download is possible here). */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from './install';

/**
 * Launches Chromium. As root it needs --no-sandbox; the networking flags stop it from reaching out
 * to update and metrics hosts, which this machine refuses (and CI must never depend on).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * A page in a fresh browser context (its own storage, so one test's editor state never leaks into
 * the next) that may only load from loopback: anything else the workbench asks for is refused
 * and listed in `blocked`. Close it with `closePage`, which closes its context too.
 */
export async function loopbackPage(browser: Browser, blocked: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const allowed = url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.test(url.hostname);
    if (!allowed) blocked.push(url.href);
    // A request can still be in flight when its page closes; answering it then is harmless.
    await (allowed ? route.continue() : route.abort('blockedbyclient')).catch(() => undefined);
  });
  return context.newPage();
}

/** Closes a page from `loopbackPage` with its context, after any requests still being answered. */
export async function closePage(page: Page): Promise<void> {
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });
  await page.context().close();
}
