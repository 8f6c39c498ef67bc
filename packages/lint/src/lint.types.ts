/** Severity of a finding; `--fail-on` and team settings compare them in this order. */
export type Severity = 'error' | 'warning' | 'info'

/** The four after-action-review questions; each has its own lint profile. */
export type QuestionKey = 'intent' | 'actual' | 'causes' | 'nextTime'

/** Blame-language categories (see the rule catalogue for definitions). */
export type Category =
  | 'named_person_blame'
  | 'failure_verb_person_subject'
  | 'fault_attribution'
  | 'counterfactual'
  | 'human_error'
  | 'character_judgement'
  | 'single_root_cause'
  | 'hindsight_minimizer'
  | 'punitive'
  | 'person_remediation'

export const CATEGORIES: readonly Category[] = [
  'named_person_blame',
  'failure_verb_person_subject',
  'fault_attribution',
  'counterfactual',
  'human_error',
  'character_judgement',
  'single_root_cause',
  'hindsight_minimizer',
  'punitive',
  'person_remediation',
]

/** Team-level settings. Plain data (no zod) so the HTTP layer can validate it however it likes. */
export interface LintConfig {
  /** Rule ids to switch off. */
  disabledRules?: string[]
  /** Per-rule severity overrides, keyed by rule id. */
  severities?: Record<string, Severity>
  /** Extra words or phrases flagged under a category (matched case-insensitively, whole words). */
  extraTerms?: Partial<Record<Category, string[]>>
  /** Names of systems that look like people ("Jenkins", "Travis"): never treated as a person. */
  allowedTerms?: string[]
}

export interface LintOptions {
  /** Roster of people: names, @handles or emails. A roster name is a person; other names are not. */
  people?: string[]
  /** Which AAR question the text answers; selects a stricter profile for `causes` and `nextTime`. */
  question?: QuestionKey
  config?: LintConfig
}

/** One flagged span. Offsets are UTF-16 code units into the original input; line/column are 1-based. */
export interface Finding {
  ruleId: string
  category: Category
  severity: Severity
  message: string
  start: number
  end: number
  line: number
  column: number
  endLine: number
  endColumn: number
  suggestion: string
  explanation: string
}

export interface LintResult {
  rulesVersion: string
  findings: Finding[]
}

/** A rule as shown to users (API, CLI, SARIF). */
export interface RuleInfo {
  id: string
  category: Category
  defaultSeverity: Severity
  description: string
  explanation: string
  /** Only active when linting the answer to one of these questions (absent: always active). */
  questions?: QuestionKey[]
  examples: { flagged: string[]; acceptable: string[] }
}
