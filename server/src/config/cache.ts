/**
 * Project configuration as long-running processes need it: found by walking up from a card, read
 * once, and re-read only when the file's size or modification time changes.
 */
import { statSync } from 'node:fs';
import { findProjectConfig, loadProjectConfig, type LoadedConfig } from './project-config';

const NONE: LoadedConfig = { config: { rules: {}, cards: [] }, findings: [] };

/** Remembers each configuration file with the stat it was read at. */
export class ConfigCache {
  private readonly entries = new Map<string, { stamp: string; loaded: LoadedConfig }>();

  /** The configuration that applies to cards in `dir`, searched up to `stopDir`. */
  load(dir: string, stopDir?: string): LoadedConfig {
    const file = findProjectConfig(dir, stopDir);
    if (!file) return NONE;
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      stamp = 'unreadable';
    }
    const hit = this.entries.get(file);
    if (hit && hit.stamp === stamp) return hit.loaded;
    const loaded = loadProjectConfig(dir, stopDir);
    this.entries.set(file, { stamp, loaded });
    return loaded;
  }
}
