/**
 * The workspace both runners open: the example folder as shipped, copies with deliberate mistakes,
 * and a YAML file that is not a card. Node-only (no `vscode`), so the runners can write it before
 * the editor starts; the suite finds the same files by name in its first workspace folder.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
const ROOT = resolve(__dirname, '../..');

/** File names inside the test workspace, shared by the suite and the UI test. */
export const FILES = {
  /** The example card, unchanged. */
  example: 'release-card.yaml',
  /** The example card with a misspelt key ("stpes") and a wrong enum value ("canery"). */
  broken: 'broken.release.yaml',
  /** The same mistakes, for the quick-fix test, which edits its document. */
  fix: 'fix.release.yaml',
  /** Any YAML that is not a card: the server must leave it alone. */
  notCard: 'docker-compose.yaml',
} as const;

/** The example card with the two deliberate mistakes that the tests look for. */
export function brokenExample(): string {
  const text = readFileSync(join(ROOT, 'examples/churn/release-card.yaml'), 'utf8');
  const broken = text.replace(/^(\s+)steps:/m, '$1stpes:').replace('strategy: canary', 'strategy: canery');
  if (!broken.includes('stpes:') || !broken.includes('strategy: canery')) {
    throw new Error('examples/churn/release-card.yaml no longer has "steps:" and "strategy: canary" to break');
  }
  return broken;
}

/** Writes the test workspace into `dir` (created if needed) and returns `dir`. */
export function writeWorkspace(dir: string): string {
  mkdirSync(dir, { recursive: true });
  // The whole example folder, so the card's relative evidence paths resolve as they do in the repo.
  cpSync(join(ROOT, 'examples/churn'), dir, { recursive: true });
  writeFileSync(join(dir, FILES.broken), brokenExample());
  writeFileSync(join(dir, FILES.fix), brokenExample());
  writeFileSync(join(dir, FILES.notCard), 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n');
  return dir;
}
