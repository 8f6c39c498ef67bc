import { blockingFindings } from './findings.ts'
import type { Review } from './review.views.ts'

export type QuestionKey = 'intent' | 'actual' | 'causes' | 'nextTime'

/** The four AAR questions, in order, with prompts and hints drawn from AAR practice. */
export const QUESTIONS: readonly { key: QuestionKey; question: string; prompt: string; hints: string[] }[] = [
  {
    key: 'intent',
    question: 'What did we set out to do?',
    prompt: 'Describe the intended outcome and the plan as it looked before the incident.',
    hints: [
      'State the goal and the expected result, not what went wrong.',
      'Include the constraints people were working under (time, information, load).',
    ],
  },
  {
    key: 'actual',
    question: 'What actually happened?',
    prompt: 'Tell the story of the incident as it unfolded, using the timeline.',
    hints: [
      'Stick to observable facts and times; keep interpretation for the next question.',
      'Describe what people saw and knew at the time, not what is known now.',
      'Add timeline events for detection, diagnosis, repair and key decisions.',
    ],
  },
  {
    key: 'causes',
    question: 'Why did it happen that way?',
    prompt: 'Explain the conditions that made the outcome possible.',
    hints: [
      'Look for several contributing factors; there is rarely a single root cause.',
      'Describe conditions, not culprits: ask "how" rather than "who".',
      'Ask why the actions people took made sense to them at the time.',
      '"Human error" is a starting point for questions, never a conclusion.',
    ],
  },
  {
    key: 'nextTime',
    question: 'What will we do differently next time?',
    prompt: 'Name the lessons and the changes that will make a better outcome more likely.',
    hints: [
      'Aim changes at systems, tools and processes, not at people being more careful.',
      'Give every action item an owner (a person, role or team) and a due date.',
      'Link each action item to the contributing factor it addresses.',
    ],
  },
]

export type ChecklistItem = { id: string; label: string; done: boolean }
export type NextStep = { action: string; detail: string; question?: QuestionKey }

const answered = (text: string | null) => text !== null && text.trim().length > 0

/** What still blocks publishing; every item must be done. */
export function publishChecklist(review: Review): ChecklistItem[] {
  const items = review.actionItems
  return [
    ...QUESTIONS.map((q) => ({
      id: `answer_${q.key}`,
      label: `Answer "${q.question}"`,
      done: answered(review.answers[q.key]),
    })),
    {
      id: 'timeline_event',
      label: 'Add at least one timeline event',
      done: review.timelineEvents.length > 0,
    },
    {
      id: 'contributing_factor',
      label: 'Add at least one contributing factor',
      done: review.contributingFactors.length > 0,
    },
    { id: 'action_item', label: 'Add at least one action item', done: items.length > 0 },
    {
      id: 'action_items_owned',
      label: 'Every action item has an owner and a due date',
      done: items.every((a) => a.owner.trim() !== '' && a.dueDate !== ''),
    },
    {
      id: 'findings_resolved',
      label: 'Rephrase, or suppress with a justification, every error-severity blame-language finding',
      done: blockingFindings(review.findings).length === 0,
    },
  ]
}

function nextStep(review: Review, checklist: ChecklistItem[]): NextStep {
  const open = (id: string) => checklist.some((c) => c.id === id && !c.done)
  const q = QUESTIONS.find((x) => open(`answer_${x.key}`))
  if (review.timelineEvents.length === 0 && q?.key !== 'intent') {
    return {
      action: 'add_timeline_event',
      detail: 'Reconstruct the timeline: what was seen, when, and by whom.',
    }
  }
  if (q) return { action: 'answer_question', question: q.key, detail: `${q.question} ${q.prompt}` }
  if (open('contributing_factor')) {
    return {
      action: 'add_contributing_factor',
      detail: 'Record the conditions that made the outcome possible.',
    }
  }
  if (open('action_item'))
    return { action: 'add_action_item', detail: 'Turn the lessons into owned, dated work.' }
  if (open('findings_resolved')) {
    return {
      action: 'resolve_findings',
      detail:
        'Some sentences put people where the conditions should be: rephrase them (see each suggestion).',
    }
  }
  if (review.status === 'draft')
    return { action: 'submit', detail: 'Submit the review so the team can check it.' }
  if (review.status === 'in_review')
    return { action: 'publish', detail: 'Publish the review when the team agrees.' }
  return { action: 'follow_up', detail: 'Track the action items until they are done.' }
}

/** The facilitator's view: questions with status, what to do next, and the publish checklist. */
export function buildGuide(review: Review) {
  const checklist = publishChecklist(review)
  const blockers = checklist.filter((c) => !c.done)
  return {
    reviewId: review.id,
    status: review.status,
    version: review.version,
    questions: QUESTIONS.map((q, i) => ({
      order: i + 1,
      ...q,
      status: answered(review.answers[q.key]) ? ('answered' as const) : ('empty' as const),
      findings: review.findings.filter((f) => f.field === `answers.${q.key}`),
    })),
    next: nextStep(review, checklist),
    checklist,
    blockers,
    blockingFindings: blockingFindings(review.findings),
    suppressedFindings: review.findings.filter((f) => f.suppression !== null),
    readyToPublish: blockers.length === 0,
  }
}

export type Guide = ReturnType<typeof buildGuide>
