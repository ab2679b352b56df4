/**
 * Vega-Lite to SVG without a browser: vega-lite compiles the specification, vega renders it as an
 * SVG string (the headless "none" renderer). The libraries are loaded when the first chart is
 * drawn, so `check` and `run` in text formats never load them: from `vega.js` beside the bundle
 * (built apart by esbuild.mjs), or from node_modules when the sources run under tsx. Specifications
 * carry their data inline; the loader refuses every URL and file, so a chart can never make the
 * tool read or fetch.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Spec } from './specs';

/** The two libraries. */
type Libraries = [typeof import('vega'), typeof import('vega-lite')];

/** The loaded libraries (loaded once). */
let libraries: Promise<Libraries> | undefined;

/** vega and vega-lite, loaded on first use. */
function load(): Promise<Libraries> {
  const bundled = path.join(__dirname, 'vega.js');
  libraries ??= existsSync(bundled)
    ? Promise.resolve(require(bundled) as { vega: Libraries[0]; vegaLite: Libraries[1] }).then((m) => [m.vega, m.vegaLite] as Libraries)
    : Promise.all([import('vega'), import('vega-lite')]);
  return libraries;
}

/** A loader that loads nothing: every chart's data is inline. */
function refusingLoader(vega: typeof import('vega')): ReturnType<typeof vega.loader> {
  const refuse = (what: unknown): Promise<never> => Promise.reject(new Error(`the gate report loads nothing (${String(what)})`));
  const base = vega.loader();
  return Object.assign(base, { load: refuse, sanitize: refuse, http: refuse, file: refuse });
}

/** Escapes text for an XML attribute or element. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The SVG of a specification, as an image with `alt` as its accessible name. The width and height
 * attributes are kept for the layout; CSS scales the image down on narrow pages.
 */
export async function specToSvg(spec: Spec, alt: string): Promise<string> {
  const [vega, vl] = await load();
  // Quiet loggers: the language server talks over stdout, where a library's console output would
  // corrupt the protocol; a spec that does not compile still throws.
  const compiled = vl.compile(spec as never, { logger: vega.logger(vega.None) as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: refusingLoader(vega), logLevel: vega.None });
  try {
    const svg = await view.toSVG();
    return svg.replace(/^<svg\b/, `<svg role="img" aria-label="${xml(alt)}"`).replace(/^(<svg[^>]*>)/, `$1<title>${xml(alt)}</title>`);
  } finally {
    view.finalize();
  }
}
