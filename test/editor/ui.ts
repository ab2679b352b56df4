import type { Browser } from 'playwright-core';
import type { Report } from './report';
import type { EditorServer } from './server';
export interface UiRun { server: EditorServer; workspace: string; artifacts: string; capabilities: Record<string, unknown>; report: Report }
export async function runUiTests(_browser: Browser, _run: UiRun): Promise<void> {}
