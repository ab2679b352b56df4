// The one card template (CLI `init` and the editor's "New Release Card…"): valid for every profile
// and kind, nothing passing by default, and the commented gate sketches valid once filled in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { checkText } from '../../../server/src/check';
import { cardTemplateAnswer } from '../../../server/src/features/new-card';
import { answerProblems, completeAnswers } from '../../../server/src/scaffold/answers';
import { CARD_KINDS, CARD_PROFILES, cardTemplate, gateSketch, requiredGates, type CardAnswers } from '../../../server/src/scaffold/template';

const TODAY = new Date('2026-12-01T10:00:00Z');
const answers = (over: Partial<CardAnswers> = {}): CardAnswers => ({ releaseId: 'ml-2026-12-01.1', owner: 'team-ml', modelUri: 'models:/churn/3', profile: 'full', kind: 'classification', ...over });

/** The numbers a team would choose, for the placeholders of the sketches. */
const FILLED: Record<string, number> = { '<rows>': 5000, '<delta>': 0.01, '<ece>': 0.05, '<k>': 10, '<cases>': 50 };

describe('card template', () => {
  for (const profile of CARD_PROFILES) {
    for (const kind of CARD_KINDS) {
      it(`${profile} / ${kind}: no error, every required gate asserted as fail, nothing else`, () => {
        const text = cardTemplate(answers({ profile, kind }), TODAY);
        const findings = checkText('new.release.yaml', text, { now: TODAY }).findings;
        assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`), []);
        const card = parse(text) as { gates: Record<string, unknown>; deferrals: { gate: string }[] };
        assert.deepEqual(Object.keys(card.gates), requiredGates(profile).map((g) => `${g}_gate`));
        assert.ok(Object.values(card.gates).every((v) => v === 'fail'));
        assert.equal(findings.filter((f) => f.code === 'no-asserted-gate-status').length, requiredGates(profile).length);
        assert.deepEqual(card.deferrals.map((d) => d.gate), ['data', 'quality', 'robustness', 'performance', 'cost', 'observability', 'rollback'].filter((g) => !requiredGates(profile).includes(g as never)));
      });
    }
  }

  for (const kind of CARD_KINDS) {
    it(`${kind}: the commented quality and robustness sketch validates once its <…> are chosen, and not before`, () => {
      const card = parse(cardTemplate(answers({ kind }), TODAY)) as { gates: Record<string, unknown> };
      delete card.gates['quality_gate'];
      delete card.gates['robustness_gate'];
      const sketch = gateSketch(kind).join('\n');
      // The sketch is in the template, commented, line for line.
      assert.ok(cardTemplate(answers({ kind }), TODAY).includes(gateSketch(kind).map((l) => `  # ${l}`).join('\n')));
      const filled = sketch.replace(/<[a-z]+>/g, (p) => String(FILLED[p] ?? assert.fail(`no value for ${p}`)));
      const schemaErrors = (gates: unknown): string[] => checkText('x.release.yaml', stringify({ ...card, gates: { ...card.gates, ...(gates as object) } }), { now: TODAY }).findings
        .filter((f) => f.code.startsWith('schema-')).map((f) => `${f.code}: ${f.message}`);
      assert.deepEqual(schemaErrors(parse(filled)), []);
      // Left as placeholders, each chosen number is a schema error: an uncommented sketch cannot pass.
      assert.equal(schemaErrors(parse(sketch)).length, (sketch.match(/<[a-z]+>/g) ?? []).length);
    });
  }

  it('quotes answers YAML would read as something else', () => {
    const text = cardTemplate(answers({ owner: '@alice', releaseId: 'ml-1' }), TODAY);
    assert.match(text, /^owner: "@alice"$/m);
    assert.equal((parse(text) as { owner: string }).owner, '@alice');
  });
});

describe('new-card answers', () => {
  it('checks each answer with the schema\'s own patterns', () => {
    assert.deepEqual(answerProblems({ releaseId: 'ok-1', modelUri: 'models:/m@candidate', profile: 'full', kind: 'llm', owner: 'x' }), []);
    assert.deepEqual(answerProblems({ releaseId: '-bad', modelUri: 'model', profile: 'huge', kind: 'image', owner: ' ' }).map((p) => p.field), ['releaseId', 'modelUri', 'profile', 'kind', 'owner']);
    assert.deepEqual(answerProblems({ owner: 7 }).map((p) => p.message), ['owner must be text.']);
    assert.equal(completeAnswers({ releaseId: 'a', owner: 'b', modelUri: 'models:/m/1', profile: 'full' }), undefined, 'no kind yet');
  });

  it('answers the editor: problems while typing, the text once all five are valid', () => {
    const partial = cardTemplateAnswer({ releaseId: 'no spaces please' }, TODAY);
    assert.equal(partial.problems[0]?.field, 'releaseId');
    assert.equal(partial.text, undefined);
    assert.equal(partial.defaultReleaseId, 'ml-2026-12-01.1');
    assert.deepEqual(partial.kinds.map((k) => k.label), [...CARD_KINDS]);
    const full = cardTemplateAnswer({ ...answers(), kind: 'regression' }, TODAY);
    assert.deepEqual(full.problems, []);
    assert.equal(full.text, cardTemplate(answers({ kind: 'regression' }), TODAY));
    assert.equal(cardTemplateAnswer(null, TODAY).text, undefined);
  });
});
