import { lint, listRules, RULES_VERSION, rules } from '@debrief-aar/lint'
import { describe, expect, it } from 'vitest'

const ids = (text: string, options: Parameters<typeof lint>[1] = {}) =>
  lint(text, options).findings.map((f) => f.ruleId)

describe('configuration', () => {
  it('disables a rule', () => {
    const text = 'This was human error.'
    expect(ids(text)).toEqual(['human-error'])
    expect(ids(text, { config: { disabledRules: ['human-error'] } })).toEqual([])
  })

  it('overrides a severity', () => {
    const text = 'The on-call forgot to page the DBA.'
    expect(lint(text).findings[0]?.severity).toBe('warning')
    const severities = { 'failure-verb-person-subject': 'info' as const }
    expect(lint(text, { config: { severities } }).findings[0]?.severity).toBe('info')
  })

  it('flags extra terms under their category, but not when negated', () => {
    const config = { extraTerms: { character_judgement: ['cowboy coder', 'slacker'] } }
    const text = 'A cowboy coder pushed the change.'
    expect(lint(text, { config }).findings.map((f) => [f.category, text.slice(f.start, f.end)])).toEqual([
      ['character_judgement', 'cowboy coder'],
    ])
    expect(ids('She is not a slacker.', { config })).toEqual([])
  })

  it('never treats allowed terms as people, even when on the roster', () => {
    const text = 'Hudson forgot to archive the build logs.'
    expect(ids(text, { people: ['Hudson'] })).toContain('named-person-blame')
    expect(ids(text, { people: ['Hudson'], config: { allowedTerms: ['Hudson'] } })).toEqual([])
  })

  it('uses the roster: a listed name is a person, an unlisted one is not', () => {
    const text = 'Travis broke the nightly build.'
    expect(ids(text)).toEqual([])
    expect(ids(text, { people: ['Travis'] })).toEqual(['named-person-blame', 'failure-verb-person-subject'])
    expect(ids('The outage started because @ana merged the change.', { people: ['@ana'] })).toContain(
      'named-person-blame',
    )
    expect(
      ids("Root cause: carol@example.com's typo in the zone file.", { people: ['carol@example.com'] }),
    ).not.toEqual([])
  })

  it('checks causes hardest and action items for vigilance', () => {
    const cause = 'The root cause was an expired certificate.'
    expect(ids(cause)).toEqual([])
    expect(lint(cause, { question: 'causes' }).findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['root-cause-framing', 'info'],
    ])
    expect(lint('This was human error.', { question: 'causes' }).findings[0]?.severity).toBe('error')
    const action = 'Make sure to watch the dashboards after each deploy.'
    expect(ids(action)).toEqual([])
    expect(ids(action, { question: 'nextTime' })).toEqual(['vigilance-action-item'])
    expect(lint('Be more careful next time.', { question: 'nextTime' }).findings[0]?.severity).toBe('error')
  })
})

describe('results', () => {
  const review = [
    'The on-call engineer forgot to renew the certificate, which was human error.',
    'Jordan should have checked the expiry date. The reviewer was careless.',
    'Next time, be more careful.',
  ].join('\n')

  it('are deterministic and sorted by start, then rule id', () => {
    const a = lint(review, { people: ['Jordan'] })
    const b = lint(review, { people: ['Jordan'] })
    expect(b).toEqual(a)
    const order = a.findings.map((f) => [f.start, f.ruleId] as const)
    expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1])))
    expect(a.rulesVersion).toBe(RULES_VERSION)
  })

  it('carry a message, a suggestion and an explanation', () => {
    for (const f of lint(review, { people: ['Jordan'] }).findings) {
      expect(f.message.length).toBeGreaterThan(10)
      expect(f.suggestion.length).toBeGreaterThan(10)
      expect(f.explanation.length).toBeGreaterThan(10)
    }
  })

  it('turns "should have checked Y" into a question about conditions', () => {
    const [f] = lint('The SRE should have checked the replica lag.').findings
    expect(f?.suggestion).toMatch(/^What made checking the replica lag hard at the time\?/)
  })
})

describe('rule catalogue', () => {
  it('lists every rule with examples, and filters question-only rules', () => {
    expect(rules.length).toBeGreaterThanOrEqual(10)
    for (const r of rules) {
      expect(r.examples.flagged.length).toBeGreaterThan(0)
      expect(r.examples.acceptable.length).toBeGreaterThan(0)
    }
    expect(listRules().map((r) => r.id)).not.toContain('root-cause-framing')
    expect(listRules('causes').map((r) => r.id)).toContain('root-cause-framing')
  })

  it('flags its own flagged examples and accepts its acceptable ones', () => {
    for (const r of rules) {
      const question = r.questions?.[0]
      const people = ['Dana', 'Lee', 'Sam']
      for (const text of r.examples.flagged)
        expect(ids(text, { people, ...(question ? { question } : {}) }), text).toContain(r.id)
      for (const text of r.examples.acceptable)
        expect(ids(text, { people, ...(question ? { question } : {}) }), text).toEqual([])
    }
  })
})
