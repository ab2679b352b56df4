/**
 * `release-gates alerts <card> [--out <file>] [--name <service>]`: writes Prometheus recording and
 * alerting rules for the card's SLO (multiwindow, multi-burn-rate, capped for low objectives, with a
 * minimum-traffic guard). Exits 1 without writing when the card lacks what the rules need (SLO, SLI,
 * an owner and a runbook per alert) or asks for a window that can never fire, at the card's line.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { generateAlerts } from '../alerts/generate';
import { Card } from '../card/model';
import { parseCard } from '../card/parse';
import { defineCommand, EXIT, type CliIO, type ParsedArgs, usageError } from './io';

/** The alerts command. */
export const alertsCommand = defineCommand({
  name: 'alerts',
  summary: 'Write Prometheus burn-rate recording and alerting rules for the card\'s SLO (owner and runbook required).',
  usage: 'release-gates alerts <card> [--out <file>] [--name <service>]',
  options: {
    out: { type: 'string', value: '<file>', help: 'Write the rules file here (default: stdout).' },
    name: { type: 'string', value: '<service>', help: 'The service name in rule names and labels (default: from the card).' },
  },
  run: runAlerts,
});

/** Reads and parses the card, printing why when it cannot be used. */
async function readCard(file: string, display: string, io: CliIO): Promise<Card | undefined> {
  try {
    const card = new Card(file, parseCard(await fs.readFile(file, 'utf8')));
    if (card.parsed.structural) return card;
    io.err(`release-gates alerts: ${display} cannot be read as a release card; run "release-gates check ${display}" for details.\n`);
  } catch (err) {
    io.err(`release-gates alerts: cannot read ${display}: ${(err as Error).message}\n`);
  }
  return undefined;
}

async function runAlerts(parsed: ParsedArgs, io: CliIO): Promise<number> {
  if (parsed.positional.length !== 1) return usageError(io, alertsCommand, 'give exactly one card file');
  const file = path.resolve(io.cwd, parsed.positional[0] as string);
  const display = (path.relative(io.cwd, file) || file).split(path.sep).join('/');
  const card = await readCard(file, display, io);
  if (!card) return EXIT.usage;
  const name = parsed.flags.get('name')?.[0];
  const result = generateAlerts(card, name ? { name } : {});
  if (!result.ok) {
    for (const p of result.problems) {
      const start = card.range(card.anchor(p.at)).start;
      io.err(`${display}:${start.line + 1}:${start.character + 1}: error ${p.message} [alerts]\n`);
    }
    return EXIT.findings;
  }
  // Capped pairs and the guard change what the alerts detect; say so where a person reads it.
  for (const note of result.notes) io.err(`release-gates alerts: note: ${note}\n`);
  const out = parsed.flags.get('out')?.[0];
  if (out === undefined) {
    io.out(result.text);
    return EXIT.ok;
  }
  const target = path.resolve(io.cwd, out);
  // Write beside the target, then rename, so a deployed rules file is never half written.
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(tmp, result.text, 'utf8');
  await fs.rename(tmp, target);
  io.err(`release-gates alerts: wrote ${result.alerts.length} alert(s) and ${result.windows.length} window pair(s) to ${path.relative(io.cwd, target) || target}\n`);
  return EXIT.ok;
}
