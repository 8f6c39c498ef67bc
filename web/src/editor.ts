// An answer editor that lints as people type: a contenteditable box whose text is re-rendered as
// text nodes and <mark data-rule-id> spans after every input, with the caret put back where it was.
import { type Child, h, replace, uid } from './dom.ts'
import {
  applyRewrite,
  keyStored,
  type LintConfig,
  type LiveFinding,
  lintAnswer,
  type QuestionKey,
} from './lint.ts'
import type { ReviewFinding } from './types.ts'

export type EditorOptions = {
  question: QuestionKey
  labelledBy: string
  describedBy: string
  text: string
  people: () => string[]
  config: () => LintConfig | undefined
  /** The server's findings of this field and the saved text they refer to. */
  stored: () => { text: string; findings: ReviewFinding[] }
  onInput: (text: string) => void
  onSuppress: (finding: LiveFinding, justification: string) => Promise<void>
}

export type Editor = {
  element: HTMLElement
  text: () => string
  setText: (t: string) => void
  focus: () => void
}

type Shown = LiveFinding & { suppression: ReviewFinding['suppression'] }

const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Note' } as const

export function createEditor(o: EditorOptions): Editor {
  const box = h('div', {
    class: 'editor',
    contenteditable: 'true',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': o.labelledBy,
    'aria-describedby': o.describedBy,
    spellcheck: 'true',
  })
  const card = h('div', { class: 'card', hidden: true, id: uid('card') })
  const live = h('p', { class: 'sr-only', 'aria-live': 'polite' })
  const listHeading = h('h3', { id: uid('fh') })
  const list = h('ul', { class: 'findings', 'aria-labelledby': listHeading.id })
  const element = h('div', { class: 'editor-wrap' }, box, card, live, listHeading, list)
  let findings: Shown[] = []
  let cardFor: Shown | null = null
  let hideTimer = 0

  const text = () => box.textContent ?? ''

  function caret(): { start: number; end: number } | null {
    const sel = getSelection()
    if (!sel || sel.rangeCount === 0) return null
    const r = sel.getRangeAt(0)
    if (!box.contains(r.startContainer) || !box.contains(r.endContainer)) return null
    const offset = (node: Node, at: number) => {
      const pre = document.createRange()
      pre.selectNodeContents(box)
      pre.setEnd(node, at)
      return pre.toString().length
    }
    return { start: offset(r.startContainer, r.startOffset), end: offset(r.endContainer, r.endOffset) }
  }

  function placeCaret(at: number) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT)
    let left = at
    let node = walker.nextNode() as Text | null
    let last: Text | null = null
    while (node) {
      if (left <= node.data.length) break
      left -= node.data.length
      last = node
      node = walker.nextNode() as Text | null
    }
    const range = document.createRange()
    if (node) range.setStart(node, left)
    else if (last) range.setStart(last, last.data.length)
    else range.setStart(box, 0)
    range.collapse(true)
    const sel = getSelection()
    sel?.removeAllRanges()
    sel?.addRange(range)
  }

  function lintNow(value: string) {
    const t0 = performance.now()
    const live = lintAnswer(value, o.question, o.people(), o.config())
    box.dataset.lintMs = (performance.now() - t0).toFixed(2)
    const stored = o.stored()
    const byKey = keyStored(stored.text, stored.findings)
    findings = live.map((f) => ({ ...f, suppression: byKey.get(f.key)?.suppression ?? null }))
  }

  function render(value: string) {
    const parts: Child[] = []
    let at = 0
    findings.forEach((f, i) => {
      if (f.start < at) return // overlapping spans: the first one is highlighted, all are listed
      parts.push(value.slice(at, f.start))
      parts.push(
        h(
          'mark',
          {
            'data-rule-id': f.ruleId,
            'data-severity': f.severity,
            'data-index': i,
            'data-suppressed': f.suppression ? 'true' : null,
            class: f.suppression ? 'suppressed' : `sev-${f.severity}`,
          },
          value.slice(f.start, f.end),
        ),
      )
      at = f.end
    })
    parts.push(value.slice(at))
    // A trailing line break only shows with something after it; <br> adds no text.
    if (value === '' || value.endsWith('\n')) parts.push(h('br', { 'data-end': 'true' }))
    replace(box, ...parts.filter((p) => p !== ''))
    renderList(value)
  }

  function renderList(value: string) {
    const open = findings.filter((f) => !f.suppression).length
    listHeading.textContent =
      findings.length === 0 ? 'No blame-language findings' : `Blame-language findings: ${open} open`
    listHeading.className = findings.length === 0 ? 'quiet' : ''
    replace(
      list,
      findings.map((f, i) => {
        const li = h('li', { 'data-index': i }, details(f, value))
        li.addEventListener('focusin', () => highlight(i))
        li.addEventListener('focusout', () => highlight(-1))
        return li
      }),
    )
  }

  function details(f: Shown, value: string): HTMLElement {
    const quote = value.slice(f.start, f.end)
    const suppress = h('button', { type: 'button', class: 'secondary' }, 'Suppress…')
    const form = suppressForm(f, () => suppress.focus())
    suppress.addEventListener('click', () => {
      form.hidden = false
      form.querySelector('textarea')?.focus()
    })
    return h(
      'div',
      { class: `finding sev-${f.severity}` },
      h(
        'p',
        {},
        h('strong', {}, f.suppression ? 'Suppressed' : SEVERITY[f.severity]),
        ` “${quote}”: ${f.message}`,
      ),
      f.suppression ? h('p', { class: 'hint' }, `Justification: ${f.suppression.justification}`) : null,
      h(
        'p',
        {},
        h('span', { class: 'label' }, f.rewrite ? 'Suggested rewrite: ' : 'Suggestion: '),
        f.rewrite?.text ?? f.suggestion,
      ),
      h('p', { class: 'hint' }, f.explanation),
      h(
        'div',
        { class: 'actions' },
        f.rewrite ? h('button', { type: 'button', onclick: () => apply(f) }, 'Apply rewrite') : null,
        f.severity === 'error' && !f.suppression ? [suppress, form] : null,
      ),
    )
  }

  function suppressForm(f: Shown, back: () => void): HTMLElement {
    const id = uid('just')
    const area = h('textarea', { id, rows: 2, required: true, maxlength: 2000 })
    const status = h('p', { class: 'error', role: 'alert' })
    const form = h(
      'form',
      { class: 'suppress', hidden: true },
      h('label', { for: id }, 'Justification'),
      area,
      status,
      h('button', { type: 'submit' }, 'Suppress finding'),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            form.hidden = true
            back()
          },
        },
        'Cancel',
      ),
    )
    form.addEventListener('submit', async (event) => {
      event.preventDefault()
      const justification = area.value.trim()
      if (!justification) {
        status.textContent = 'Say why this wording is fine here.'
        return
      }
      try {
        await o.onSuppress(f, justification)
      } catch (error) {
        status.textContent = error instanceof Error ? error.message : String(error)
      }
    })
    return form
  }

  function highlight(index: number) {
    for (const m of box.querySelectorAll('mark'))
      m.classList.toggle('active', m.dataset.index === String(index))
  }

  function apply(f: Shown) {
    if (!f.rewrite) return
    const next = applyRewrite(text(), f.rewrite)
    update(next, f.rewrite.start + f.rewrite.text.length)
    box.focus()
    placeCaret(f.rewrite.start + f.rewrite.text.length)
    live.textContent = `Rewrite applied: ${f.rewrite.text}`
  }

  function showCard(index: number, mark: HTMLElement) {
    const f = findings[index]
    if (!f) return
    clearTimeout(hideTimer)
    cardFor = f
    replace(card, details(f, text()))
    card.hidden = false
    card.style.top = `${mark.offsetTop + mark.offsetHeight + 6}px`
    card.style.left = `${Math.max(0, Math.min(mark.offsetLeft, box.clientWidth - 320))}px`
  }
  const hideCard = () => {
    if (card.contains(document.activeElement)) return
    card.hidden = true
    cardFor = null
  }

  function update(value: string, caretAt: number | null) {
    lintNow(value)
    render(value)
    if (caretAt !== null && document.activeElement === box) placeCaret(caretAt)
    o.onInput(value)
  }

  function insert(piece: string) {
    const c = caret() ?? { start: text().length, end: text().length }
    const value = text()
    update(value.slice(0, c.start) + piece + value.slice(c.end), c.start + piece.length)
  }

  box.addEventListener('beforeinput', (event) => {
    if (event.inputType === 'insertParagraph' || event.inputType === 'insertLineBreak') {
      event.preventDefault()
      insert('\n')
    }
  })
  box.addEventListener('paste', (event) => {
    event.preventDefault()
    insert(event.clipboardData?.getData('text/plain') ?? '')
  })
  box.addEventListener('input', (event) => {
    if ((event as InputEvent).isComposing) return
    update(text(), caret()?.end ?? null)
  })
  box.addEventListener('compositionend', () => update(text(), caret()?.end ?? null))
  box.addEventListener('mouseover', (event) => {
    const mark = (event.target as Element).closest?.('mark')
    if (mark instanceof HTMLElement) showCard(Number(mark.dataset.index), mark)
  })
  box.addEventListener('mouseleave', () => {
    hideTimer = window.setTimeout(hideCard, 400)
  })
  card.addEventListener('mouseenter', () => clearTimeout(hideTimer))
  card.addEventListener('mouseleave', () => {
    hideTimer = window.setTimeout(hideCard, 400)
  })
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hideCard()
  })
  // Keyboard users meet findings with the caret: entering a highlight shows its card and reads it out.
  document.addEventListener('selectionchange', () => {
    if (document.activeElement !== box || !box.isConnected) return
    const sel = getSelection()
    const node = sel?.anchorNode
    const mark = (node instanceof Element ? node : node?.parentElement)?.closest('mark')
    if (mark instanceof HTMLElement && box.contains(mark)) {
      const index = Number(mark.dataset.index)
      const f = findings[index]
      if (f && f !== cardFor) {
        showCard(index, mark)
        live.textContent = `${SEVERITY[f.severity]}: ${f.message} ${f.rewrite ? `Suggested rewrite: ${f.rewrite.text}` : f.suggestion}`
      }
    } else if (cardFor) hideCard()
  })

  lintNow(o.text)
  render(o.text)
  return {
    element,
    text,
    setText: (t) => {
      lintNow(t)
      render(t)
    },
    focus: () => box.focus(),
  }
}
