/** Headless Debian Chromium driven by playwright-core (no browser download is possible here). */
import { chromium, type Browser } from 'playwright-core';
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
