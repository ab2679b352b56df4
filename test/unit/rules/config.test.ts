// The project configuration `.release-gates.yaml`: found by walking up, severities applied by the
// engine, and every mistake in it a located finding with a did-you-mean fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectConfig, loadProjectConfig, mergeSeverities, parseProjectConfig } from '../../../server/src/config/project-config';
import { applyFix, at, check, fixTitled, only } from './helpers';

function tree(): { root: string; cards: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'rg-config-'));
  const cards = join(root, 'releases', 'churn');
  mkdirSync(cards, { recursive: true });
  return { root, cards, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('the nearest .release-gates.yaml above the card wins', () => {
  const t = tree();
  try {
    writeFileSync(join(t.root, '.release-gates.yaml'), 'rules:\n  require-owner: error\n');
    assert.equal(findProjectConfig(t.cards, t.root), join(t.root, '.release-gates.yaml'));
    writeFileSync(join(t.root, 'releases', '.release-gates.yml'), 'rules:\n  require-owner: off\n');
    const loaded = loadProjectConfig(t.cards, t.root);
    assert.equal(loaded.config.file, join(t.root, 'releases', '.release-gates.yml'));
    assert.deepEqual(loaded.config.rules, { 'require-owner': 'off' });
    assert.deepEqual(loaded.findings, []);
  } finally {
    t.done();
  }
});

test('the walk stops at the stop folder', () => {
  const t = tree();
  try {
    writeFileSync(join(t.root, '.release-gates.yaml'), 'rules: {}\n');
    assert.equal(findProjectConfig(t.cards, join(t.root, 'releases')), undefined);
    assert.deepEqual(loadProjectConfig(t.cards, join(t.root, 'releases')), { config: { rules: {}, cards: [] }, findings: [] });
  } finally {
    t.done();
  }
});

test('rules and cards are read; the severities drive the engine', () => {
  const { config, findings } = parseProjectConfig('c.yaml', 'rules:\n  require-owner: error\n  suppression-unused: off\ncards:\n  - releases/**/*.yaml\n');
  assert.deepEqual(findings, []);
  assert.deepEqual(config.cards, ['releases/**/*.yaml']);
  const card = 'release_id: x\nartifacts: { model_uri: models:/m/1 }\ngates: { data_gate: pass }\nrollout: { strategy: canary }\n';
  assert.equal(only(check(card, { severities: config.rules }), 'require-owner')[0]?.severity, 'error');
});

test('an unknown rule id is located on its key with a did-you-mean fix', () => {
  const text = 'rules:\n  require-canery: error\n';
  const { config, findings } = parseProjectConfig('c.yaml', text);
  assert.deepEqual(config.rules, {});
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.code, 'config-unknown-rule');
  assert.equal(at(findings[0]!), '2:3');
  assert.match(findings[0]!.message, /did you mean "require-canary"/);
  assert.equal(applyFix(text, fixTitled(findings[0], 'Change to')), 'rules:\n  require-canary: error\n');
});

test('a bad severity is located on its value, with the likely intent', () => {
  const { findings } = parseProjectConfig('c.yaml', 'rules:\n  require-owner: warn\n  require-slo: false\n  require-canary: 3\n');
  assert.deepEqual(findings.map((f) => [f.code, at(f)]), [['config-invalid-severity', '2:18'], ['config-invalid-severity', '3:16'], ['config-invalid-severity', '4:19']]);
  assert.match(findings[0]!.message, /did you mean "warning"/);
  assert.match(findings[1]!.message, /did you mean "off"/);
  assert.doesNotMatch(findings[2]!.message, /did you mean/);
});

test('unknown keys, wrong shapes and YAML errors are findings, never exceptions', () => {
  assert.equal(parseProjectConfig('c.yaml', 'rulez:\n  require-owner: off\n').findings[0]?.message.includes('did you mean "rules"'), true);
  assert.equal(parseProjectConfig('c.yaml', 'cards: releases/*.yaml\n').findings[0]?.code, 'config-invalid-value');
  assert.equal(parseProjectConfig('c.yaml', 'rules: [a, b]\n').findings[0]?.code, 'config-invalid-value');
  assert.equal(parseProjectConfig('c.yaml', '- just\n- a list\n').findings[0]?.code, 'config-invalid-value');
  assert.equal(parseProjectConfig('c.yaml', 'rules: {\n').findings[0]?.code, 'yaml-syntax');
  assert.deepEqual(parseProjectConfig('c.yaml', '').findings, []);
  assert.deepEqual(parseProjectConfig('c.yaml', 'rules:\n').findings, []);
});

test('editor settings override the project file', () => {
  assert.deepEqual(mergeSeverities({ 'require-owner': 'error', 'require-slo': 'off' }, undefined, { 'require-owner': 'hint' }), { 'require-owner': 'hint', 'require-slo': 'off' });
});
