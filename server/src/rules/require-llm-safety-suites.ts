/** LLM and RAG systems are tested against prompt injection and unsafe tool calls, not only answer quality. */
import { appendItemsFix } from './fixes';
import { defineRule } from './types';
import { list, obj, str } from './values';

/** The suite kinds an LLM or RAG release needs, with the item a fix appends. */
const NEEDED = [
  { kind: 'prompt_injection', item: '{ name: prompt injection, kind: prompt_injection, evidence: <path/to/injection.jsonl> }' },
  { kind: 'unsafe_tool_call', item: '{ name: unsafe tool calls, kind: unsafe_tool_call, evidence: <path/to/tools.jsonl> }' },
] as const;

/** Flags a robustness gate of an llm or rag system without injection and unsafe-tool-call suites. */
export const requireLlmSafetySuites = defineRule({
  meta: {
    id: 'require-llm-safety-suites',
    severity: 'error',
    summary: 'An LLM or RAG release has no prompt-injection or unsafe-tool-call robustness suite.',
    fix: 'skeleton',
  },
  check(card, report) {
    const system = str(card.get(['gates', 'robustness', 'system_type']));
    const node = card.node(['gates', 'robustness', 'system_type']);
    if ((system !== 'llm' && system !== 'rag') || !node) return;
    const kinds = list(card.get(['gates', 'robustness', 'suites'])).map((s) => str(obj(s)?.['kind']));
    const missing = NEEDED.filter((n) => !kinds.includes(n.kind));
    if (missing.length === 0) return;
    report(node, `A ${system} system without ${missing.map((m) => m.kind).join(' and ')} suites: text quality says nothing about whether a crafted input makes it leak data or call a tool it must not. Add ${missing.length > 1 ? 'these suites' : 'this suite'} to the robustness gate.`, {
      fixes: [appendItemsFix(card, ['gates', 'robustness', 'suites'], missing.map((m) => m.item), 'Add the missing safety suites')],
    });
  },
});
