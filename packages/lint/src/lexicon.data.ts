// Word lists shared by the rules. They describe English grammar and incident-review vocabulary in
// general (roles, auxiliaries, participles), not sentences of any evaluation set.

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/))

/** Pronouns and indefinites that stand for people (including self-reference). */
export const PERSON_PRONOUNS = set(`
  i me my myself we us our ourselves you your yourself yourselves he him his himself she her herself
  they them their themselves someone somebody anyone anybody everyone everybody nobody whoever
  whomever y'all folks`)

/** Indefinite people: "if someone deployed…" describes a hypothetical, not a culprit. */
export const INDEFINITE = set('someone somebody anyone anybody whoever whomever one people person')

/** Universal quantifiers: "anyone could have made the same mistake" exculpates. */
export const UNIVERSAL = set('anyone anybody everyone everybody nobody any every all each')

/** Head nouns that denote a person, a role or a group of staff. */
export const ROLE_HEADS = set(`
  engineer engineers developer developers dev devs programmer programmers coder coders operator
  operators on-call oncall on-caller on-callers responder responders reviewer reviewers approver
  approvers author authors committer committers contributor contributors maintainer maintainers sre
  sres dba dbas sysadmin sysadmins admin admins administrator administrators intern interns contractor
  contractors employee employees staff staffer staffers personnel manager managers lead leads team
  teams guy guys gal person people individual individuals human humans colleague colleagues coworker
  coworkers co-worker co-workers technician technicians analyst analysts tester testers architect
  architects cto ceo cio ciso vp vps director directors boss supervisor supervisors crew member members
  newbie newbies hire hires consultant consultants specialist specialists commander facilitator
  teammate teammates devops-engineer owner owners worker-bee human-operator expert experts junior
  juniors seniors newcomer newcomers volunteer volunteers officer officers`)

/** Head nouns that are people only with a qualifier ("support agent", "night shift"). */
export const QUALIFIED_ROLE_HEADS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['agent', set('support customer service sales help-desk helpdesk human')],
  ['agents', set('support customer service sales help-desk helpdesk human')],
  ['shift', set('night day morning evening late early weekend on-call')],
  ['desk', set('service help')],
  ['rotation', set('on-call oncall pager support ops sre')],
])

export const DETERMINERS = set(`
  the a an this that these those our their his her my your its some any every each no all another
  both either neither one such whose`)

export const PREPOSITIONS = set(`
  of on in from at for with to into onto by about across over under during after before since until
  between through without within against per via like than around behind beyond despite toward
  towards upon amid among`)

export const AUXILIARIES = set(`
  is was were are be been being am has have had having do does did will would shall should can could
  may might must ought isn't wasn't weren't aren't hasn't haven't hadn't don't doesn't didn't won't
  wouldn't shouldn't can't cannot couldn't mustn't 've 'd 's 'll`)

export const COORDINATORS = set('and but or nor yet then so')

export const SUBORDINATORS = set(`
  because since although though while when whenever if unless whereas once where until after before
  as so-that whether`)

export const RELATIVES = set('who whom which that whoever whomever')

/** Adverbs skipped when looking for the subject of a verb. */
export const SKIP_ADVERBS = set(`
  not never also then just simply clearly obviously really actually apparently basically still already
  again ever even only instead finally eventually accidentally mistakenly wrongly erroneously
  inadvertently incorrectly unfortunately completely totally entirely probably likely certainly
  subsequently later immediately quickly initially explicitly frankly somehow further once merely
  sadly badly apparently evidently unintentionally carelessly repeatedly routinely personally n't
  always please ever sometimes often usually`)

/** Nouns ending in -ly, so "-ly means adverb" does not swallow them. */
export const LY_NOUNS = set('assembly supply family anomaly reply rally ally fly poly italy july belly jelly')

/** Irregular past tenses / participles; used to recognise verbs and perfect tenses. */
export const IRREGULAR_VERBS = set(`
  ran run took taken made broke broken forgot forgotten led lead went gone got gotten sent put set
  left lost kept brought caught began begun saw seen found told wrote written hit cut shut thought
  felt held built paid said came come gave given became become fell fallen knew known meant spent
  stood understood drove driven rose risen chose chosen threw thrown hid hidden done did read been
  had shown spoken spoke undone overlooked understood withdrew withdrawn mistook mistaken`)

/** Base forms of actions only a person performs in an incident; used for passives and gerund subjects. */
export const HUMAN_ACTIONS = set(`
  rush address catch notice follow check test review escalate do handle approve merge deploy roll
  revert spot fix communicate read verify validate investigate consider prioritize prioritise ask
  tell inform notify look wait restart page monitor watch document update double-check coordinate
  announce warn flag raise report respond acknowledge plan schedule stage canary pause stop abort wave
  sign ship push release launch skip ignore approve rubber-stamp`)

/** Nouns for a person's own act or deliverable: "the deploy was careless". */
export const HUMAN_ACT_NOUNS = set(`
  deploy rollout change review approval handling response work behaviour behavior attitude decision
  approach mistake typo execution judgement judgment conduct performance effort coding commit`)

/** Nouns for a change someone made; "<Name>'s <noun> took down X" presents the person as cause. */
export const CHANGE_NOUNS = set(`
  change changes migration migrations commit commits pr deploy deployment script query config
  configuration patch code edit push merge rollout release typo mistake error command rule update
  upgrade query fat-finger slip oversight blunder hotfix fix cleanup refactor tweak flag`)

/** Error nouns; a person's typo or mistake in the root-cause slot resolves to the person. */
export const ERROR_NOUNS = set(
  'mistake mistakes typo typos error errors oversight blunder slip fault fat-finger',
)

/** Gerund subjects that are plainly human actions: "escalating earlier would have …". */
export const isHumanActionForm = (word: string): boolean => {
  const base = word.replace(/(?:ing|ed)$/, '')
  return HUMAN_ACTIONS.has(base) || HUMAN_ACTIONS.has(`${base}e`) || HUMAN_ACTIONS.has(base.slice(0, -1))
}

/** Well-known software, services and bots with person-like or capitalised names: never guessed to be people. */
export const SYSTEM_NAMES = set(`
  jenkins travis circleci cassandra redis kafka terraform ansible puppet chef hadoop spark elastic
  elasticsearch opensearch kibana nginx apache postgres postgresql mysql mongo mongodb consul vault nomad
  argo argocd flux helm istio envoy prometheus grafana sentry pagerduty opsgenie datadog splunk hermes
  athena jarvis alfred hal cerberus zeus apollo atlas mercury jupiter saturn titan kubernetes k8s docker
  github gitlab bitbucket jira confluence slack zoom aws gcp azure cloudflare akamai fastly heroku vercel
  netlify linux windows ubuntu debian redhat centos chrome firefox safari android ios macos kafka zookeeper
  etcd celery sidekiq rabbitmq nats pulsar airflow dagster spinnaker bazel gradle maven npm yarn webpack
  rails django flask node deno bun java python ruby go rust php oracle sap salesforce stripe twilio okta
  auth0 openai copilot dependabot renovate mergify bors cron systemd haproxy traefik varnish memcached
  clickhouse snowflake bigquery redshift dynamodb s3 ec2 lambda cloudfront route53 iam rds eks gke aks
  loki tempo jaeger zipkin vector fluentd logstash beats filebeat thanos cortex mimir keda karpenter
  velero rook ceph minio gitea drone tekton buildkite teamcity bamboo octopus harness sonar sonarqube
  snyk vault nagios zabbix icinga statuspage monday notion trello asana linear`)

/** Words that are capitalised only because they open a sentence or name a time: never a guessed name. */
export const NOT_NAMES = set(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december utc gmt pst est cet api dns cdn vpn sql ci cd qa prod i
  it this that these those there here then when while after before during once since today yesterday
  tomorrow eventually later finally initially meanwhile unfortunately fortunately luckily sadly also
  however traffic latency load replication monitoring alerting storage billing search checkout payments
  customers users nobody everyone someone somebody anyone anybody everybody people staff management
  engineering operations support security legal sales marketing finance leadership ops devops sre
  status canvas corpus bonus virus campus focus basis analysis thesis chaos nothing everything something
  anything error errors disk memory cpu network data ticket tickets root cause summary impact timeline
  background resolution detection mitigation action next lesson lessons what why how who where which`)
