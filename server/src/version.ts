/** The tool's name and version, recorded in run records and printed by `--version`. */
import { version } from '../../package.json';

/** Tool identity. */
export const TOOL = { name: 'release-gates', version } as const;
