// Labelled sentences written for this project (fictional people, services and events) covering the
// patterns of issue 7: person agents of ordinary verbs with a bad outcome, with and without a roster;
// long modified subjects; error vocabulary and negated duties; passives; sanctions; attribution;
// questions; hindsight and vigilance in action items; and the innocent look-alikes that must stay
// quiet (quoted or argued-against blame terms, counterfactuals about tools, gratitude, service names).
// None of these is copied from the issue or from the shared corpus.
import type { Case } from './heldout.cases.ts'

const blame = (category: Case['category'], text: string, people: string[] = []): Case => ({
  text,
  category,
  people,
})
const fine = (text: string, people: string[] = []): Case => ({ text, people })

export const OWN_BLAME: Case[] = [
  // a person as the agent of an ordinary verb whose result is the failure (roster and no roster)
  blame('named_person_blame', 'Tobias pushed the new routing table and half of the edge nodes went dark.', [
    'Tobias',
  ]),
  blame('named_person_blame', 'Tobias pushed the new routing table and half of the edge nodes went dark.'),
  blame('named_person_blame', 'The outage came down to Ines approving her own pull request.', ['Ines']),
  blame('named_person_blame', 'The outage came down to Ines approving her own pull request.'),
  blame('named_person_blame', "The two-hour delay was entirely down to Farid's rushed hotfix."),
  blame(
    'named_person_blame',
    'Because Wendell restarted the primary mid-backup, the snapshot was corrupted.',
  ),
  blame('named_person_blame', 'Odette edited the shared config by hand, which took the login page offline.'),
  blame('fault_attribution', 'Thanks to the weekend crew, the backlog grew to four million messages.'),
  blame('named_person_blame', "It was Priyanka's cleanup script that wiped the staging buckets.", [
    'Priyanka',
  ]),
  blame('named_person_blame', 'Gunnar ran the reindex at peak traffic and search timed out for everyone.'),
  // long or modified subjects
  blame(
    'failure_verb_person_subject',
    'The newly onboarded contractor from the hosting partner skipped the preflight checklist.',
  ),
  blame(
    'failure_verb_person_subject',
    'One of the engineers on the data platform rotation forgot to re-enable replication.',
  ),
  blame(
    'failure_verb_person_subject',
    'The person in charge of cutting the release ignored the failing integration suite.',
  ),
  blame(
    'failure_verb_person_subject',
    'A senior developer on the mobile squad botched the certificate pinning update.',
  ),
  // error vocabulary and negated duties
  blame('failure_verb_person_subject', 'The release manager fumbled the rollback and made things worse.'),
  blame('failure_verb_person_subject', 'Our on-call really goofed by silencing the disk alert.'),
  blame('failure_verb_person_subject', 'I slipped up and pointed the job at the live database.'),
  blame('failure_verb_person_subject', 'The DBA never re-enabled the nightly vacuum after the upgrade.'),
  blame('failure_verb_person_subject', 'The infra team dropped the ball on renewing the domain.'),
  blame('failure_verb_person_subject', 'He messed up the firewall order and locked everyone out.'),
  blame('failure_verb_person_subject', 'She fat-fingered the replica count and scaled the cluster to zero.'),
  blame('failure_verb_person_subject', 'The reviewer never bothered to run the migration locally.'),
  // passives, with and without an agent
  blame('failure_verb_person_subject', 'The wrong region was selected by one of the junior admins.'),
  blame(
    'failure_verb_person_subject',
    'The failing check was overridden by the shift lead without a second look.',
  ),
  blame('named_person_blame', 'The broken schema was merged by Halvard an hour before the sale.', [
    'Halvard',
  ]),
  blame('counterfactual', 'The change should never have been waved through on a Friday evening.'),
  // sanctions in other words
  blame('punitive', 'He has been placed on a performance improvement plan.'),
  blame('punitive', 'Her production access was pulled pending an investigation.'),
  blame('punitive', 'Whoever did this will be let go.'),
  blame('punitive', 'The engineer behind the change was written up by his manager.'),
  blame('punitive', 'They were suspended without pay for a week after the outage.'),
  blame('punitive', 'Heads will roll over this one.'),
  // attribution and framing
  blame('fault_attribution', 'Accountability for the breach lies with the identity team.'),
  blame('fault_attribution', 'The postmortem classified the incident as an operator mistake.'),
  blame('fault_attribution', 'The fault lies entirely with the engineer who approved the change.'),
  blame('fault_attribution', 'This one is on the networking folks.'),
  blame('human_error', 'The investigation concluded it was a simple case of human error.'),
  // questions
  blame('failure_verb_person_subject', 'How could the reviewer not see the missing WHERE clause?'),
  blame('failure_verb_person_subject', "Why didn't the on-call escalate after the second page?"),
  blame('fault_attribution', 'Who signed off on shipping this without a canary?'),
  // hindsight and vigilance, including action items
  blame('hindsight_minimizer', 'Any experienced operator would have spotted the typo immediately.'),
  blame('person_remediation', 'Engineers must be more careful when touching production settings.'),
  blame('person_remediation', 'The on-call rotation needs to pay more attention to disk warnings.'),
  blame('person_remediation', 'Going forward, reviewers should double-check every migration by hand.'),
  blame('person_remediation', '- Remind all developers to read the runbook before deploying'),
  blame('hindsight_minimizer', 'It was obvious that the flag was wrong; she simply did not look.'),
  // counterfactuals about people, character judgements, root cause
  blame('counterfactual', 'Had the operator read the warning, none of this would have happened.'),
  blame('counterfactual', 'The engineer ought to have waited for the canary to finish.'),
  blame('character_judgement', 'Frankly the whole change was reckless and lazy.'),
  blame('character_judgement', 'He was careless with the credentials.'),
  blame('single_root_cause', 'Root cause: the developer pushed straight to main.'),
  blame('single_root_cause', "The root cause was the on-call engineer's typo."),
]

export const OWN_INNOCENT: Case[] = [
  // blame terms quoted, argued against, negated or defined
  fine('Writing "operator error" in the report would hide the confusing prompt that made the slip likely.'),
  fine('We no longer accept "human error" as an explanation in our reviews.'),
  fine('Labelling this as carelessness would miss the three safeguards that were absent.'),
  fine('Human error is a symptom of trouble deeper in the system, not its cause.'),
  fine('The facilitator reminded the room that nobody was to blame for the outage.'),
  fine('This was not a failure of any individual; the tooling made the wrong path the easy one.'),
  fine('Blameless reviews ask what made an action reasonable at the time, not who made a mistake.'),
  fine('It is tempting to say someone should have caught it, but that tells us nothing about the system.'),
  // counterfactuals about tools and systems
  fine('With a per-tenant quota, the noisy client could not have filled the queue.'),
  fine('Better alert routing would have paged the storage team twenty minutes earlier.'),
  fine('The deploy tool should have refused a manifest with no resource limits.'),
  fine('Had the load balancer drained connections, the restart would have been invisible.'),
  fine('A dry-run mode in the migration tool would have shown the lock before it was taken.'),
  // gratitude and positive roles
  fine('We could not have restored service so quickly without the help of the DBA team.', []),
  fine('Many thanks to Yusuf, who stayed on the bridge until the backlog drained.', ['Yusuf']),
  fine('Thanks to the quick thinking of the on-call, the failover finished in four minutes.'),
  fine('Marguerite spotted the error spike and opened the incident.', ['Marguerite']),
  fine('Soren was incident commander and Lea handled status page updates.', ['Soren', 'Lea']),
  // service names that look like people
  fine('Jarvis restarted the ingest workers automatically at 04:10.'),
  fine('Hermes dropped the queued notifications when its disk filled up.'),
  fine('After the upgrade, Cassandra failed to compact the largest table.'),
  fine('Athena timed out on the nightly report query.'),
  // neutral narration and local rationality
  fine('The engineer ran the documented restore command, which at the time pointed at the old bucket.'),
  fine('The on-call did not know that the replica had been promoted an hour earlier.'),
  fine('An approval was given without the diff being visible in the review tool.'),
  fine('We did not notice the certificate expiry because the alert went to an unused channel.'),
  fine('The team deployed the fix at 11:42 and error rates returned to normal.'),
  fine('She merged the change after two approvals and a green pipeline.'),
  fine('The alert fired just after midnight and was acknowledged within a minute.'),
  fine('Action item: add a confirmation prompt to the failover script (owner: platform team).'),
  fine('We will add a lint check that blocks migrations without a lock timeout.'),
  fine('The vendor failed to notify customers of the maintenance window.'),
  fine('The cron job failed to start because the image tag no longer existed.'),
  fine('How did the retry storm start, and why did the circuit breaker not open?'),
  fine('Why did the config service accept a negative timeout?'),
  fine('A human-readable summary is posted to the channel after every deploy.'),
  fine('The root cause analysis tool linked the spike to the cache flush.'),
]

export const OWN_CASES: Case[] = [...OWN_BLAME, ...OWN_INNOCENT]
