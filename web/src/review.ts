// The guided review: the four questions one at a time, live lint, drafts, If-Match saves with a
// conflict view, the parts of the review, and publishing.
import { ApiError, api, errorText } from './api.ts'
import { showDeliveries } from './deliveries.ts'
import { h, replace, toast } from './dom.ts'
import { type Draft, loadDraft, saveDraft } from './drafts.ts'
import { createEditor, type Editor } from './editor.ts'
import { keyStored, type LintConfig, type LiveFinding, type QuestionKey } from './lint.ts'
import { renderMarkdown } from './markdown.ts'
import { actionItemsSection, factorsSection, timelineSection } from './parts.ts'
import type { Guide, Review } from './types.ts'

type State = {
  review: Review
  etag: string
  guide: Guide
  draft: Draft
  step: number
  config: LintConfig | undefined
  /** Answers whose server text moved on since the draft started: saving waits for a decision. */
  conflicts: QuestionKey[]
}

const STATUS = { draft: 'Draft', in_review: 'In review', published: 'Published' } as const

export async function reviewPage(main: HTMLElement, id: string, step: number): Promise<void> {
  const [{ data: review, etag }, { data: guide }, config] = await Promise.all([
    api<Review>('GET', `/v1/reviews/${id}`),
    api<Guide>('GET', `/v1/reviews/${id}/guide`),
    api<LintConfig>('GET', '/v1/lint/config')
      .then((r) => r.data)
      .catch(() => undefined),
  ])
  const s: State = {
    review,
    etag: etag ?? `"v${review.version}"`,
    guide,
    draft: loadDraft(id),
    step,
    config,
    conflicts: [],
  }
  const questions = guide.questions
  const answer = (k: QuestionKey) => s.review.answers[k] ?? ''
  const current = (k: QuestionKey) => s.draft[k]?.text ?? answer(k)
  const dirtyKeys = () =>
    questions.map((q) => q.key).filter((k) => s.draft[k] && s.draft[k]!.text !== answer(k))
  const people = () => s.review.participants.flatMap((p) => (p.handle ? [p.name, p.handle] : [p.name]))

  const title = h('h1', {}, s.review.title)
  const meta = h('p', { class: 'meta' })
  const progress = h('nav', { 'aria-label': 'Questions', class: 'progress' })
  const questionArea = h('section', { class: 'question', 'aria-live': 'off' })
  const conflictArea = h('div', { class: 'conflicts' })
  const saveStatus = h('p', { class: 'save-status', role: 'status' })
  const timeline = h('div')
  const factors = h('div')
  const actions = h('div')
  const checklist = h('div')
  const publishPanel = h('div', { class: 'publish-panel', tabindex: '-1', 'aria-live': 'polite' })
  let editor: Editor | null = null

  const restored = dirtyKeys()
  function renderMeta() {
    replace(
      meta,
      h('span', { class: `badge ${s.review.status}` }, STATUS[s.review.status]),
      s.review.severity ? ` ${s.review.severity}` : '',
      ` · version ${s.review.version}`,
    )
  }

  function renderProgress() {
    const answered = questions.filter((q) => current(q.key).trim() !== '').length
    replace(
      progress,
      h('p', { class: 'hint' }, `${answered} of 4 questions answered`),
      h(
        'ol',
        {},
        questions.map((q, i) => {
          const unsaved = dirtyKeys().includes(q.key)
          const state = unsaved ? 'unsaved' : current(q.key).trim() ? 'answered' : 'not answered'
          return h(
            'li',
            { class: i === s.step ? 'current' : '' },
            h(
              'button',
              {
                type: 'button',
                class: 'step',
                'aria-current': i === s.step ? 'step' : null,
                onclick: () => go(i),
              },
              `${i + 1}. ${q.question}`,
              h('span', { class: `state ${state.replace(' ', '-')}` }, ` (${state})`),
            ),
          )
        }),
      ),
    )
  }

  function renderQuestion() {
    const q = questions[s.step]!
    const labelId = `q-${q.key}`
    const promptId = `q-${q.key}-prompt`
    editor = createEditor({
      question: q.key,
      labelledBy: labelId,
      describedBy: promptId,
      text: current(q.key),
      people,
      config: () => s.config,
      stored: () => ({
        text: answer(q.key),
        findings: s.review.findings.filter((f) => f.field === `answers.${q.key}`),
      }),
      onInput: (text) => {
        const base = s.draft[q.key]?.base ?? answer(q.key)
        s.draft[q.key] = { text, base }
        saveDraft(id, s.draft)
        saveStatus.textContent = dirtyKeys().length
          ? 'Unsaved changes (kept in this browser)'
          : 'All changes saved'
        renderProgress()
      },
      onSuppress: (f, justification) => suppress(q.key, f, justification),
    })
    replace(
      questionArea,
      h('p', { class: 'step-of' }, `Question ${s.step + 1} of 4`),
      h('h2', { id: labelId }, q.question),
      h('p', { id: promptId, class: 'prompt' }, q.prompt),
      h(
        'ul',
        { class: 'hints', 'aria-label': 'Hints' },
        q.hints.map((t) => h('li', {}, t)),
      ),
      editor.element,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', disabled: s.step === 0, onclick: () => go(s.step - 1) },
          'Previous question',
        ),
        h('button', { type: 'button', onclick: () => save() }, 'Save'),
        h(
          'button',
          { type: 'button', disabled: s.step === 3, onclick: () => go(s.step + 1) },
          'Next question',
        ),
      ),
      saveStatus,
    )
  }

  async function go(step: number) {
    if (step < 0 || step > 3) return
    if (dirtyKeys().length) await save()
    s.step = step
    history.replaceState(null, '', `#/reviews/${id}/${step + 1}`)
    renderProgress()
    renderQuestion()
    editor?.focus()
  }

  function renderChecklist() {
    replace(
      checklist,
      h('h2', { id: 'h-publish' }, 'Publishing'),
      h('p', { class: 'next' }, h('span', { class: 'label' }, 'Next: '), s.guide.next.detail),
      h(
        'ul',
        { class: 'checklist', 'aria-label': 'Publish checklist' },
        s.guide.checklist.map((c) =>
          h(
            'li',
            { class: c.done ? 'done' : 'todo' },
            h('span', { class: 'sr-only' }, c.done ? 'Done: ' : 'To do: '),
            c.label,
          ),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: publish }, 'Publish'),
        h('button', { type: 'button', class: 'secondary', onclick: preview }, 'Preview export'),
      ),
    )
  }

  function renderParts() {
    const ctx = { review: () => s.review, changed: refresh }
    replace(timeline, timelineSection(ctx))
    replace(factors, factorsSection(ctx))
    replace(actions, actionItemsSection(ctx))
  }

  function accept(review: Review, etag: string | null) {
    s.review = review
    s.etag = etag ?? `"v${review.version}"`
    for (const k of questions.map((q) => q.key)) {
      const d = s.draft[k]
      if (d && d.text === answer(k)) delete s.draft[k]
    }
    saveDraft(id, s.draft)
    title.textContent = review.title
    renderMeta()
  }

  /** Re-reads the review after a change; an answer someone else changed under a draft becomes a conflict. */
  async function refresh() {
    const [{ data, etag }, { data: guide }] = await Promise.all([
      api<Review>('GET', `/v1/reviews/${id}`),
      api<Guide>('GET', `/v1/reviews/${id}/guide`),
    ])
    accept(data, etag)
    s.guide = guide
    findConflicts()
    renderParts()
    renderChecklist()
    renderProgress()
  }

  function findConflicts() {
    s.conflicts = dirtyKeys().filter((k) => s.draft[k]!.base !== answer(k))
    renderConflicts()
  }

  function renderConflicts() {
    if (s.conflicts.length === 0) return replace(conflictArea)
    replace(
      conflictArea,
      h(
        'section',
        { class: 'conflict', role: 'alert', 'aria-labelledby': 'h-conflict' },
        h('h2', { id: 'h-conflict' }, 'Someone else changed this review'),
        h('p', {}, 'Your text is kept. Choose which version to keep for each answer below.'),
        s.conflicts.map((k) => {
          const q = questions.find((x) => x.key === k)!
          return h(
            'div',
            { class: 'versions' },
            h('h3', {}, q.question),
            h(
              'div',
              { class: 'pair' },
              h(
                'figure',
                {},
                h('figcaption', {}, 'Their version'),
                h('pre', { class: 'theirs' }, answer(k) || '(empty)'),
              ),
              h(
                'figure',
                {},
                h('figcaption', {}, 'Your version'),
                h('pre', { class: 'mine' }, s.draft[k]!.text || '(empty)'),
              ),
            ),
            h(
              'div',
              { class: 'actions' },
              h('button', { type: 'button', onclick: () => resolve(k, 'mine') }, 'Keep my version'),
              h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => resolve(k, 'theirs') },
                'Take their version',
              ),
            ),
          )
        }),
      ),
    )
  }

  async function resolve(k: QuestionKey, keep: 'mine' | 'theirs') {
    if (keep === 'mine') s.draft[k] = { text: s.draft[k]!.text, base: answer(k) }
    else delete s.draft[k]
    saveDraft(id, s.draft)
    s.conflicts = s.conflicts.filter((x) => x !== k)
    renderConflicts()
    if (questions[s.step]!.key === k) renderQuestion()
    renderProgress()
    if (keep === 'mine') await save()
  }

  async function save(): Promise<boolean> {
    const keys = dirtyKeys()
    if (keys.length === 0) return true
    if (s.conflicts.length) {
      saveStatus.textContent = 'Not saved: choose a version above first.'
      return false
    }
    saveStatus.textContent = 'Saving…'
    try {
      const answers = Object.fromEntries(keys.map((k) => [k, s.draft[k]!.text]))
      const { data, etag } = await api<Review>('PATCH', `/v1/reviews/${id}`, {
        body: { answers },
        ifMatch: s.etag,
      })
      accept(data, etag)
      saveStatus.textContent = `Saved (version ${data.version})`
      s.guide = (await api<Guide>('GET', `/v1/reviews/${id}/guide`)).data
      renderChecklist()
      renderProgress()
      editor?.setText(editor.text())
      return true
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await refresh()
        if (s.conflicts.length === 0) return save() // only other fields changed: our answers apply cleanly
        saveStatus.textContent = 'Not saved: someone else changed this review.'
        ;(conflictArea.querySelector('h2') as HTMLElement | null)?.focus?.()
        return false
      }
      saveStatus.textContent = `Not saved: ${errorText(error)}`
      return false
    }
  }

  async function suppress(k: QuestionKey, f: LiveFinding, justification: string) {
    if (!(await save())) throw new Error('Save the answer first.')
    const stored = s.review.findings.filter((x) => x.field === `answers.${k}`)
    const match = keyStored(answer(k), stored).get(f.key)
    if (!match) throw new Error('The server does not flag this wording; nothing to suppress.')
    const { data, etag } = await api<Review>('POST', `/v1/reviews/${id}/findings/${match.id}/suppress`, {
      body: { justification },
    })
    accept(data, etag)
    s.guide = (await api<Guide>('GET', `/v1/reviews/${id}/guide`)).data
    renderChecklist()
    editor?.setText(editor.text())
    toast('Finding suppressed with your justification')
  }

  async function preview() {
    replace(publishPanel, h('h2', {}, 'Export preview'), h('p', {}, 'Loading…'))
    try {
      const { data } = await api<string>('GET', `/v1/reviews/${id}/export.md`, { text: true })
      const body = h('div', { class: 'markdown' })
      await renderMarkdown(body, data)
      replace(publishPanel, h('h2', {}, 'Export preview'), body)
    } catch (error) {
      replace(publishPanel, h('h2', {}, 'Export preview'), h('p', { class: 'error' }, errorText(error)))
    }
  }

  async function publish() {
    replace(publishPanel, h('p', {}, 'Checking…'))
    publishPanel.focus()
    if (!(await save()))
      return replace(
        publishPanel,
        h('p', { class: 'error', role: 'alert' }, 'Save your answers before publishing.'),
      )
    try {
      s.guide = (await api<Guide>('GET', `/v1/reviews/${id}/guide`)).data
      renderChecklist()
      if (s.guide.blockers.length) {
        return replace(
          publishPanel,
          h(
            'section',
            { 'aria-labelledby': 'h-blocked', class: 'blocked' },
            h('h2', { id: 'h-blocked' }, 'Not ready to publish'),
            h('p', {}, 'These still block publishing:'),
            h(
              'ul',
              { class: 'blockers' },
              s.guide.blockers.map((b) => h('li', {}, b.label)),
            ),
          ),
        )
      }
      if (s.review.status === 'published') {
        replace(
          publishPanel,
          h('h2', {}, 'Already published'),
          h('p', {}, 'Edit the review to start a new version.'),
        )
      } else {
        if (s.review.status === 'draft') {
          const r = await api<Review>('POST', `/v1/reviews/${id}/submit`, { ifMatch: s.etag })
          accept(r.data, r.etag)
        }
        const r = await api<Review>('POST', `/v1/reviews/${id}/publish`, { ifMatch: s.etag })
        accept(r.data, r.etag)
        s.guide = (await api<Guide>('GET', `/v1/reviews/${id}/guide`)).data
        renderChecklist()
      }
      const deliveries = h('div', { class: 'deliveries' }, h('p', {}, 'Loading deliveries…'))
      const body = h('div', { class: 'markdown' })
      replace(
        publishPanel,
        h('h2', { id: 'h-published' }, 'Published'),
        h('h3', {}, 'Delivery status'),
        deliveries,
        h('h3', {}, 'The published review'),
        body,
      )
      const { data: markdown } = await api<string>('GET', `/v1/reviews/${id}/export.md`, { text: true })
      await renderMarkdown(body, markdown)
      void showDeliveries(deliveries, id).catch((e) =>
        replace(deliveries, h('p', { class: 'error' }, errorText(e))),
      )
    } catch (error) {
      const blockers = error instanceof ApiError ? error.problem.blockers : undefined
      replace(
        publishPanel,
        h('p', { class: 'error', role: 'alert' }, `Not published: ${errorText(error)}`),
        blockers
          ? h(
              'ul',
              { class: 'blockers' },
              blockers.map((b) => h('li', {}, b.label)),
            )
          : null,
      )
    }
  }

  renderMeta()
  renderProgress()
  renderQuestion()
  renderChecklist()
  renderParts()
  findConflicts()
  if (restored.length)
    saveStatus.textContent = 'Restored your unsaved changes from this browser (not saved yet)'
  replace(
    main,
    h('p', {}, h('a', { href: '#/' }, '← All reviews')),
    title,
    meta,
    h(
      'div',
      { class: 'layout' },
      h('div', { class: 'main-col' }, progress, conflictArea, questionArea, timeline, factors, actions),
      h('aside', { class: 'side', 'aria-labelledby': 'h-publish' }, checklist, publishPanel),
    ),
  )
  document.title = `${s.review.title} — Debrief`
}
