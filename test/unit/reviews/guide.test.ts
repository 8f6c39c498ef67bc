import { describe, expect, it } from 'vitest'
import { buildGuide } from '../../../src/reviews/guide.ts'
import type { Review } from '../../../src/reviews/review.views.ts'

function review(overrides: Partial<Review> = {}): Review {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    version: 1,
    createdAt: '2026-11-20T00:00:00.000Z',
    updatedAt: '2026-11-20T00:00:00.000Z',
    title: 't',
    severity: null,
    status: 'draft',
    incident: null,
    startedAt: null,
    detectedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    publishedAt: null,
    participants: [],
    answers: { intent: null, actual: null, causes: null, nextTime: null },
    findings: [],
    rulesVersion: null,
    timelineEvents: [],
    contributingFactors: [],
    actionItems: [],
    ...overrides,
  }
}

const stamp = { version: 1, createdAt: '', updatedAt: '' }
const complete = review({
  answers: { intent: 'a', actual: 'b', causes: 'c', nextTime: 'd' },
  timelineEvents: [{ id: 'e', ...stamp, occurredAt: '', description: 'x', kind: null }],
  contributingFactors: [{ id: 'f', ...stamp, category: 'tooling', description: 'x', timelineEventIds: [] }],
  actionItems: [
    {
      id: 'a',
      ...stamp,
      reviewId: 'r',
      title: 'x',
      description: null,
      owner: 'sre',
      dueDate: '2026-12-01',
      priority: 'medium',
      status: 'open',
      type: null,
      trackerUrl: null,
      factorIds: [],
      completedAt: null,
    },
  ],
})

describe('buildGuide', () => {
  it('starts with the first question and blocks publishing on everything', () => {
    const g = buildGuide(review())
    expect(g.next).toMatchObject({ action: 'answer_question', question: 'intent' })
    expect(g.questions.map((q) => q.question)).toEqual([
      'What did we set out to do?',
      'What actually happened?',
      'Why did it happen that way?',
      'What will we do differently next time?',
    ])
    expect(g.blockers.map((b) => b.id)).toEqual([
      'answer_intent',
      'answer_actual',
      'answer_causes',
      'answer_nextTime',
      'timeline_event',
      'contributing_factor',
      'action_item',
    ])
    expect(g.readyToPublish).toBe(false)
  })

  it('counts whitespace-only answers as empty', () => {
    const g = buildGuide(review({ answers: { intent: '   ', actual: null, causes: null, nextTime: null } }))
    expect(g.questions[0]?.status).toBe('empty')
  })

  it('asks for the timeline once the intent is written', () => {
    const g = buildGuide(
      review({ answers: { intent: 'ship v2', actual: null, causes: null, nextTime: null } }),
    )
    expect(g.next.action).toBe('add_timeline_event')
  })

  it('walks a complete review through submit, publish and follow-up', () => {
    expect(buildGuide(complete)).toMatchObject({
      readyToPublish: true,
      blockers: [],
      next: { action: 'submit' },
    })
    expect(buildGuide({ ...complete, status: 'in_review' }).next.action).toBe('publish')
    expect(buildGuide({ ...complete, status: 'published' }).next.action).toBe('follow_up')
  })
})
