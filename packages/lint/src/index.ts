// Public entry of the blameless-language linter: pure functions, no I/O, no framework.
import { lintText } from './lint.engine.ts'
import type { LintOptions, LintResult, RuleInfo } from './lint.types.ts'
import { RULES } from './rules.catalogue.ts'

export type {
  Category,
  Finding,
  LintConfig,
  LintOptions,
  LintResult,
  QuestionKey,
  RuleInfo,
  Severity,
} from './lint.types.ts'
export { CATEGORIES } from './lint.types.ts'

/** Bumped whenever a rule changes what it flags, so stored findings can be re-checked. */
export const RULES_VERSION = '2026.2.0'

/** The rule catalogue (id, category, default severity, description, examples). */
export const rules: readonly RuleInfo[] = RULES

/** Lists the rules, optionally only those active when linting the answer to `question`. */
export function listRules(question?: LintOptions['question']): RuleInfo[] {
  return RULES.filter((r) => !r.questions || (question !== undefined && r.questions.includes(question)))
}

/** Lints text (Markdown or plain) for person-blaming language. Deterministic. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return { rulesVersion: RULES_VERSION, findings: lintText(text, options) }
}
