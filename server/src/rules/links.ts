/** Where rule documentation lives, in one place so every link and every output agrees. */

/** Base URL of the rule pages; a page is `<base>/<rule-id>.md`. */
export const RULE_DOCS_BASE_URL = 'https://github.com/release-gates/release-gates/blob/main/docs/rules';

/** The documentation page of a rule or engine code. */
export function ruleDocHref(id: string): string {
  return `${RULE_DOCS_BASE_URL}/${id}.md`;
}
