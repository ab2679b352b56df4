/**
 * Entry of `dist/vega.js`: vega and vega-lite bundled apart from the CLI and the server, which load
 * it only when they draw a chart (`svg.ts`), so `check`, `run` in text formats and the server's
 * start do not parse two megabytes of charting code.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

export { vega, vegaLite };
