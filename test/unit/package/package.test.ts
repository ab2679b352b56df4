// What the package shows a new user: a README that starts with the user's part (commands and
// settings as the manifest declares them) and keeps the developer's commands below, an icon, a
// changelog, bundles that are minified and point at no map they do not ship, a client bundle
// without the card schema, and CLI examples in the docs that name real commands and options.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allCommands } from '../../../server/src/cli/commands';
import { DEFAULT_SETTINGS } from '../../../server/src/features/settings';

const ROOT = join(__dirname, '../../..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, any>;
const readme = read('README.md');

describe('package: README, icon, changelog', () => {
  it('puts the user\'s part first and keeps the developer commands below', () => {
    const user = readme.indexOf('## What you get in VS Code');
    const dev = readme.indexOf('## Developing Release Gates');
    assert.ok(user > 0 && dev > user, 'the user section comes before the developer section');
    const devPart = readme.slice(dev);
    assert.ok(devPart.includes('npm ci && npm run demo'));
    assert.match(devPart, /^npm test\b/m);
    assert.match(readme.slice(0, user), /!\[[^\]]+\]\(media\/screenshot\.jpg\)/, 'a screenshot before the features');
    assert.ok(existsSync(join(ROOT, 'media/screenshot.jpg')));
  });

  it('lists every command and setting the manifest contributes', () => {
    for (const c of pkg.contributes.commands as { title: string; category: string }[]) {
      assert.ok(readme.includes(`| ${c.category}: ${c.title} |`), `README lacks the command "${c.category}: ${c.title}"`);
    }
    for (const [name, spec] of Object.entries(pkg.contributes.configuration.properties as Record<string, { default: unknown }>)) {
      assert.ok(readme.includes(`| \`${name}\` | \`${JSON.stringify(spec.default)}\` |`), `README lacks the setting ${name} with its default`);
    }
  });

  it('declares the defaults the server applies (a setting left alone means what it says)', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    assert.equal(props['releaseGates.maxFileSizeKiB']?.default, DEFAULT_SETTINGS.maxFileSizeKiB);
    assert.deepEqual(props['releaseGates.cardGlobs']?.default, DEFAULT_SETTINGS.cardGlobs);
    assert.deepEqual(props['releaseGates.rules']?.default, DEFAULT_SETTINGS.rules);
  });

  it('has a 128 × 128 PNG icon, a changelog entry for this version, and ships both', () => {
    const icon = readFileSync(join(ROOT, pkg.icon as string));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.match(read('CHANGELOG.md'), new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm'));
    const ignore = read('.vscodeignore');
    for (const shipped of ['!media/**', '!README.md', '!CHANGELOG.md']) assert.ok(ignore.includes(shipped), shipped);
  });

  it('names a public home only if there is one, and says so when there is not', () => {
    const links = ['repository', 'homepage', 'bugs'].filter((k) => pkg[k] !== undefined);
    if (links.length === 0) {
      assert.match(readme, /There is no public repository or issue tracker yet/);
      assert.match(pkg.scripts.package as string, /--allow-missing-repository/);
    }
    // Rule pages ship in the package; no link may point at the repository that never existed.
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md']) assert.doesNotMatch(read(file), /github\.com\/release-gates/);
  });
});

describe('package: bundles', () => {
  const shipped = ['client.js', 'server.js', 'run-worker.js', 'evidence-worker.js'];

  it('are minified and point at no source map', () => {
    for (const name of shipped) {
      const text = read(join('dist', name));
      assert.doesNotMatch(text, /\/\/# sourceMappingURL=/, name);
      const lines = text.split('\n').length;
      assert.ok(lines < text.length / 400, `${name} does not look minified (${lines} lines in ${text.length} bytes)`);
    }
  });

  it('keep the card schema and the template out of the thin client', () => {
    const client = read('dist/client.js');
    const schema = JSON.parse(read('schemas/release-card.schema.json')) as { definitions: { qualityGate: { description: string } } };
    assert.ok(!client.includes(schema.definitions.qualityGate.description.slice(0, 60)), 'the card schema is bundled into the client');
    assert.ok(!client.includes('Asserted until defined'), 'the card template is bundled into the client');
    assert.ok(read('dist/server.js').includes('Asserted until defined'), 'the server answers the template');
  });
});

describe('docs: command lines name real commands and options', () => {
  const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const known = new Map(allCommands().map((c) => [c.name, new Set([...Object.keys(c.options ?? {}), 'help'])]));
  known.set('lsp', new Set(['stdio', 'help']));

  it('every `release-gates <command> --option` in the README and docs/ exists', () => {
    let seen = 0;
    for (const page of pages) {
      for (const line of read(page).split('\n')) {
        for (const m of line.matchAll(/release-gates ([a-z]+)((?: +(?:[^\s`|#;&)]+))*)/g)) {
          const [, name, rest] = m as unknown as [string, string, string];
          if (!['init', 'check', 'run', 'explain', 'readiness', 'alerts', 'rollout', 'canary', 'lsp', 'review'].includes(name)) continue;
          if (name === 'review' && !known.has('review')) continue;
          const options = known.get(name);
          assert.ok(options, `${page}: unknown command "release-gates ${name}" in: ${line}`);
          for (const opt of rest.matchAll(/(?:^| )--([a-z][a-z-]*)/g)) {
            seen++;
            assert.ok(options.has(opt[1] as string), `${page}: release-gates ${name} has no option --${opt[1]}: ${line}`);
          }
        }
      }
    }
    assert.ok(seen > 20, `only ${seen} options found; the scan is broken`);
  });
});
