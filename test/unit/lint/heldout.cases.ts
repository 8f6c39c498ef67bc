// Hand-written sentences (fictional people and systems) that the rules were NOT tuned on before
// they were written: a held-out check that the rules generalise beyond the development corpus.
import type { Category } from '../../../src/lint/index.ts'

export interface Case {
  text: string
  /** The category expected among the findings; absent for innocent sentences. */
  category?: Category
  people?: string[]
}

const blame = (category: Category, text: string, people: string[] = []): Case => ({ text, category, people })
const fine = (text: string, people: string[] = []): Case => ({ text, people })

export const BLAME_CASES: Case[] = [
  // named_person_blame
  blame('named_person_blame', 'The faulty index was added by Kenji on Tuesday evening.', ['Kenji']),
  blame('named_person_blame', "Noor's schema change is what locked the accounts table.", ['Noor']),
  blame('named_person_blame', 'Lars pushed the tag without waiting for the canary.', ['Lars']),
  blame('named_person_blame', 'It started because @mpatel deployed the wrong image tag.', ['@mpatel']),
  blame('named_person_blame', 'Ingrid forgot to renew the wildcard certificate.', ['Ingrid']),
  // failure_verb_person_subject
  blame('failure_verb_person_subject', 'The on-call SRE neglected to check the replication status.'),
  blame('failure_verb_person_subject', 'Our DBA accidentally truncated the audit table.'),
  blame('failure_verb_person_subject', 'They skipped the staging soak to hit the launch date.'),
  blame('failure_verb_person_subject', 'The reviewers overlooked the missing timeout in the client.'),
  blame('failure_verb_person_subject', 'I completely messed up the firewall rule ordering.'),
  blame('failure_verb_person_subject', 'Why did you not escalate when the error rate doubled?'),
  blame('failure_verb_person_subject', 'The platform team failed to communicate the maintenance window.'),
  blame('failure_verb_person_subject', 'We botched the DNS cutover and lost an hour of mail.'),
  // fault_attribution
  blame('fault_attribution', "This outage is entirely the release team's fault."),
  blame('fault_attribution', 'The developer responsible has been identified.'),
  blame('fault_attribution', 'The incident was caused by an engineer running a stale script.'),
  blame('fault_attribution', 'Who approved this change on a Friday night?'),
  blame('fault_attribution', 'The intern is to blame for the broken backups.'),
  // counterfactual
  blame('counterfactual', 'The operator should have confirmed the target region first.'),
  blame('counterfactual', 'She could have avoided the data loss by taking a snapshot.'),
  blame('counterfactual', 'If the engineer had read the alert text, the fix would have been obvious.'),
  blame('counterfactual', 'The on-call was supposed to hand over the pager at 09:00.'),
  blame('counterfactual', 'Instead of rolling back, the team kept pushing forward fixes.'),
  blame('counterfactual', 'The upgrade should never have been approved without a load test.'),
  // human_error
  blame('human_error', 'The primary cause of the outage was human error.'),
  blame('human_error', 'An operator error during the failover left both nodes read-only.'),
  blame('human_error', 'It was a fat-finger in the rate-limit config.'),
  blame('human_error', 'We classified the ticket as user error and closed it.'),
  // character_judgement
  blame('character_judgement', 'The engineer was careless with the production credentials.'),
  blame('character_judgement', 'An inexperienced developer pushed straight to the release branch.'),
  blame('character_judgement', 'Frankly, the ops team was sloppy during the migration.'),
  blame('character_judgement', 'He recklessly restarted every broker at once.'),
  blame('character_judgement', 'The contractor should know better than to edit prod by hand.'),
  // single_root_cause
  blame('single_root_cause', "The root cause was the admin's mistake in the firewall policy."),
  blame('single_root_cause', 'Root cause: an engineer running the wrong playbook.'),
  blame('single_root_cause', 'The real cause was that the operator ignored the warning banner.'),
  // hindsight_minimizer
  blame('hindsight_minimizer', 'He just had to look at the disk graph.'),
  blame('hindsight_minimizer', "The reviewer obviously didn't test the branch."),
  blame('hindsight_minimizer', 'Any experienced operator would have noticed the lag.'),
  blame('hindsight_minimizer', 'All they had to do was flip the flag back.'),
  // punitive
  blame('punitive', 'The engineer who ran the migration was fired the following week.'),
  blame('punitive', "Kim's deploy permissions were revoked pending review.", ['Kim']),
  blame('punitive', 'Management issued a written warning to the on-call.'),
  blame('punitive', 'The responsible developer has been reprimanded.'),
  // person_remediation
  blame('person_remediation', 'Engineers must be extra careful when touching the billing cluster.'),
  blame('person_remediation', 'Action item: remind all SREs to verify backups weekly.'),
  blame('person_remediation', 'The on-call should pay more attention to disk alerts.'),
  blame('person_remediation', 'Retrain the operators on the failover runbook.'),
  blame('person_remediation', 'Always double-check the namespace before applying manifests.'),
  // second batch, written after the first round of fixes
  blame('failure_verb_person_subject', 'Someone on the data team dropped the ball on the schema review.'),
  blame('failure_verb_person_subject', 'The SRE who was paged ignored the first three alerts.'),
  blame('failure_verb_person_subject', 'Our developers did not follow the release checklist.'),
  blame('failure_verb_person_subject', 'The administrator inadvertently disabled MFA for every account.'),
  blame('failure_verb_person_subject', 'The network engineer made a typo in the BGP filter.'),
  blame('counterfactual', 'We should have rolled back as soon as latency rose.'),
  blame('counterfactual', 'The developer ought to have tested against a copy of production.'),
  blame('counterfactual', 'Had the reviewer asked about the timeout, none of this would have happened.'),
  blame('counterfactual', 'The deploy should not have been rushed out before the holiday.'),
  blame('human_error', 'Preliminary findings point to operator error on the storage array.'),
  blame('human_error', 'Root cause: PEBKAC.'),
  blame('character_judgement', 'This was a lazy review of a risky change.'),
  blame('character_judgement', 'The outage shows the negligence of the database team.'),
  blame('single_root_cause', 'The underlying cause was the on-call not following the runbook.'),
  blame('hindsight_minimizer', 'The on-call simply ignored the disk alert.'),
  blame('hindsight_minimizer', 'It should have been obvious to any reviewer that the limit was too low.'),
  blame('punitive', 'The contractor was let go after the incident.'),
  blame('punitive', 'Disciplinary measures are being considered for the engineers involved.'),
  blame('person_remediation', 'Going forward, developers need to be more vigilant about config drift.'),
  blame('person_remediation', 'Bea to be more careful when rotating keys.', ['Bea']),
  blame('fault_attribution', 'The blame lies with the release manager.'),
  blame('fault_attribution', 'It happened because an engineer changed the retention policy by hand.'),
]

export const INNOCENT_CASES: Case[] = [
  // Systems and person-like system names as agents
  fine('Hudson, the build server, failed to publish the artifacts.'),
  fine('Jenkins forgot the workspace cleanup after the node restarted.'),
  fine('Atlas, our provisioning bot, skipped the drain step because its lock was stale.'),
  fine('The load balancer mistakenly routed health checks to the old pool.'),
  fine('The retry loop ignored the backoff header.'),
  fine('The scheduler neglected to release the lease on shutdown.'),
  fine('The deploy pipeline failed to run the integration suite.'),
  fine('Grafana missed two evaluation cycles during the restart.'),
  // Forward-looking and system counterfactuals
  fine('We should add a confirmation prompt to the delete command.'),
  fine('The proxy should have retried the request on a different upstream.'),
  fine('A canary stage would have caught the regression before full rollout.'),
  fine('The migration should have been run by the orchestrator in batches.'),
  fine('Next quarter we should have a dedicated on-call for the data platform.'),
  fine('This could have been much worse without the read replicas.'),
  // Negation and exculpation
  fine("It was not the on-call's fault: the alert had been silenced by a maintenance rule.", []),
  fine('Nobody is to blame for this; the tooling allowed a global change.'),
  fine('This was never about individual error.'),
  fine('Anyone on the team could have made that change.'),
  // Meta-language and guidance
  fine('Avoid phrases like "should have known" in the review.'),
  fine('The word "careless" does not belong in a postmortem.'),
  fine('We replaced the term human error with a description of the conditions.'),
  fine('Blaming the operator rather than the process teaches nothing.'),
  // Neutral narration and knowledge states
  fine('The on-call acknowledged the page at 02:41 and started the runbook.'),
  fine('Kenji rolled back the release after the error rate rose.', ['Kenji']),
  fine('We did not know the cache shared a connection pool with checkout.'),
  fine('The engineer believed the flag only affected staging.'),
  fine('Thanks to Noor for spotting the lock contention early.', ['Noor']),
  fine('Lars was the incident commander and coordinated the comms.', ['Lars']),
  fine('An alert was missed because it was routed to a muted channel.'),
  fine('The team owns the payments service and its runbooks.'),
  // Innocent trigger words
  fine('Traffic dropped just before midnight UTC.'),
  fine('The fix simply pins the client library to 2.3.1.'),
  fine('Clearly defined ownership made the escalation fast.'),
  fine('The error budget was spent in a single afternoon.'),
  fine('We added a human-readable reason to every rejected deploy.'),
  fine('The root cause analysis tooling is now linked from each alert.'),
  fine('The root cause was a race between the cache warmer and the config reload.'),
  fine('A careless default in the Terraform module disabled encryption.'),
  fine('The worker was fired up again once the queue drained.'),
  fine('We revoked the compromised deploy key and rotated the secrets.'),
  fine('Training jobs were paused to free GPU capacity.'),
  fine('The tool double-checks the cluster name before deleting anything.'),
  fine('The alerts were noisy, which made the real signal easy to miss.'),
  // second batch, written after the first round of fixes
  fine('Argo failed to sync the application because the manifest was invalid.'),
  fine('Dependabot broke the build by bumping a transitive dependency.'),
  fine('The replica fell behind and the failover missed its window.'),
  fine('The engineer on call noticed the spike and paged the database team.'),
  fine("Engineers shouldn't need production access to debug a queue."),
  fine('The runbook was supposed to cover this case, but it predates the new cluster.'),
  fine('With better dashboards, the team could have spotted the trend sooner.'),
  fine('In hindsight, the alert threshold should have been lower.'),
  fine('If the cache had been warm, the failover would have been invisible to users.'),
  fine("It is not anyone's fault that the vendor changed the API without notice."),
  fine('We will not discipline anyone for this incident.'),
  fine('No one was fired, reprimanded or written up.'),
  fine('Do not write "the engineer failed to" in a review; describe the conditions instead.'),
  fine('"Human error" is a label, not an explanation.'),
  fine('The old approach was to find the careless person and punish them.'),
  fine('The team responsible for the ingestion service joined the call at 04:10.'),
  fine('The deploy finished just as the traffic peak began.'),
  fine('The config simply did not include the new region.'),
  fine('Of course, the retry storm made the outage longer.'),
  fine('The replication lag was obvious on the dashboard but nobody was paged.'),
  fine('Priya reviewed the change, and it passed every check we had.', ['Priya']),
  fine('The migration was approved by Omar after a successful staging run.', ['Omar']),
  fine('Our process did not require a second reviewer for config changes.'),
  fine('The validator now rejects manifests that target the wrong cluster.'),
  fine('Add a pre-deploy hook that checks the target region.'),
  fine('We need better tooling for certificate renewal.'),
  fine('The intern shadowed the on-call for a week as part of onboarding.'),
  fine('The alert was tuned so the on-call gets paged less often.'),
]
