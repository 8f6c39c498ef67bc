// The rule catalogue: what each rule flags, why it matters, and examples of both sides. The examples
// are written for this catalogue (fictional people and services).
import type { Category, QuestionKey, RuleInfo, Severity } from './lint.types.ts'

const rule = (
  id: string,
  category: Category,
  defaultSeverity: Severity,
  description: string,
  explanation: string,
  flagged: string[],
  acceptable: string[],
  questions?: QuestionKey[],
): RuleInfo => ({
  id,
  category,
  defaultSeverity,
  description,
  explanation,
  examples: { flagged, acceptable },
  ...(questions ? { questions } : {}),
})

export const RULES: readonly RuleInfo[] = [
  rule(
    'named-person-blame',
    'named_person_blame',
    'error',
    'A named person (from the roster) is presented as the cause, even with a neutral verb.',
    'Naming a person as the cause turns a review into a trial; people stop sharing what they saw.',
    [
      'The schema change was pushed by Dana right before the spike.',
      "Lee's config edit is what took the queue down.",
    ],
    [
      'Dana spotted the queue growing and paged the storage team.',
      'The schema change was pushed without a lock-timeout guard.',
    ],
  ),
  rule(
    'failure-verb-person-subject',
    'failure_verb_person_subject',
    'warning',
    'A person, role, team or pronoun is the agent of an error or omission verb (failed to, forgot, missed, broke, mistakenly …).',
    "It explains the outcome by a person's shortcoming and hides the conditions that made the slip likely.",
    [
      'The release engineer forgot to bump the schema version.',
      'We accidentally pointed the importer at the live bucket.',
    ],
    [
      'The importer forgot its checkpoint after the restart.',
      'The alert was missed because it landed in a muted channel.',
    ],
  ),
  rule(
    'fault-attribution',
    'fault_attribution',
    'error',
    'Explicit fault, blame or responsibility assigned to a person or team.',
    'Assigning fault ends the inquiry; the causal chain and missing safeguards stay unexamined.',
    ["The outage was the intern's fault.", 'Who merged the broken manifest?'],
    ["It was not the intern's fault: the manifest linter was disabled.", 'The fault lay in the retry loop.'],
  ),
  rule(
    'counterfactual',
    'counterfactual',
    'warning',
    "A counterfactual about a person's past action: should have, could have, if they had, was supposed to, instead of …",
    'Counterfactuals describe a path nobody could see at the time and replace what actually happened.',
    [
      'The operator should have drained the queue first.',
      'If the reviewer had read the diff, this would not have shipped.',
    ],
    [
      'The load balancer should have removed the unhealthy node.',
      'We should add a drain step to the deploy script.',
    ],
  ),
  rule(
    'human-error',
    'human_error',
    'error',
    'Human error, operator error, fat finger, PEBKAC or "oversight" used as an explanation.',
    '"Human error" is where an investigation should start, not where it ends.',
    ['The outage was caused by operator error.', 'A fat-fingered flag value took the cache offline.'],
    [
      'The console now asks for confirmation to tolerate human error.',
      'We avoid the label "human error" in reviews.',
    ],
  ),
  rule(
    'character-judgement',
    'character_judgement',
    'error',
    'A judgement of a person\'s competence, diligence or character: careless, sloppy, lazy, reckless, "should know better".',
    'Character judgements invite defensiveness and say nothing about the system that allowed the outcome.',
    ['A careless admin left the debug port open.', 'The on-call was negligent with the rollback.'],
    [
      'Careless defaults in the base image left the debug port open.',
      'The linter is lax about trailing commas.',
    ],
  ),
  rule(
    'single-root-cause',
    'single_root_cause',
    'warning',
    "A root-cause statement that resolves to a person or a person's act.",
    'Incidents have several contributing factors; putting a person in the root-cause slot stops the search for the others.',
    [
      "Root cause: the DBA's typo in the failover script.",
      'The root cause was the developer skipping the canary.',
    ],
    [
      'The root cause was a race between the warmer and the reload.',
      'There is no single root cause; four factors combined.',
    ],
  ),
  rule(
    'root-cause-framing',
    'single_root_cause',
    'info',
    'In answers to "Why did it happen?": a single "the root cause was …" statement.',
    'Complex failures rarely have one cause; listing contributing factors keeps the analysis open.',
    ['The root cause was an expired certificate.'],
    ['Contributing factors: an expired certificate, no expiry alert, and a manual renewal process.'],
    ['causes'],
  ),
  rule(
    'hindsight-minimizer',
    'hindsight_minimizer',
    'warning',
    'Just, simply, obviously, clearly, "any competent …" applied to what a person should have known or done.',
    'Minimizers imply the right action was easy; it rarely looks easy before the outcome is known.',
    ['He simply forgot to restart the worker.', 'Any competent admin would have spotted the open port.'],
    ['The fix simply restarts the worker.', 'The spike began just after the deploy.'],
  ),
  rule(
    'punitive',
    'punitive',
    'error',
    'Punishment or sanction of a person: fired, let go, written up, access revoked, disciplinary action.',
    'The prospect of punishment stops people from reporting problems, which hides the next incident.',
    ['The engineer who ran the script was written up.', "Sam's deploy rights were revoked after the outage."],
    ['We revoked the leaked API token.', 'The alert fired twice before the failover.'],
  ),
  rule(
    'person-remediation',
    'person_remediation',
    'warning',
    "An action item aimed at a person's behaviour: be more careful, pay closer attention, double-check, retrain, remind.",
    'Vigilance fades; only system and process changes prevent recurrence reliably.',
    [
      'Engineers need to be more careful with feature flags.',
      'Remind the on-call to double-check the region.',
    ],
    ['Add a region check to the deploy command.', 'The script double-checks the region before deleting.'],
  ),
  rule(
    'vigilance-action-item',
    'person_remediation',
    'warning',
    'In answers to "What will we do differently?": an action that relies on people remembering or watching (make sure to, remember to, keep an eye on).',
    'Action items that depend on attention are rarely done and never verifiable; make them system changes with an owner.',
    ['Make sure to check the dashboards after every deploy.'],
    ['Add a post-deploy check that fails the pipeline when error rates rise.'],
    ['nextTime'],
  ),
]

/** Rule id per category for terms a team adds through `extraTerms`. */
export const CATEGORY_RULE: Readonly<Record<Category, string>> = {
  named_person_blame: 'named-person-blame',
  failure_verb_person_subject: 'failure-verb-person-subject',
  fault_attribution: 'fault-attribution',
  counterfactual: 'counterfactual',
  human_error: 'human-error',
  character_judgement: 'character-judgement',
  single_root_cause: 'single-root-cause',
  hindsight_minimizer: 'hindsight-minimizer',
  punitive: 'punitive',
  person_remediation: 'person-remediation',
}

/** Stricter severities per question: causes are checked hardest, action items must target systems. */
export const PROFILE_SEVERITY: Partial<Record<QuestionKey, Record<string, Severity>>> = {
  causes: { 'single-root-cause': 'error', 'human-error': 'error', counterfactual: 'warning' },
  nextTime: { 'person-remediation': 'error' },
}

export const RULES_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]))
