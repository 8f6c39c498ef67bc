import { lint } from '@debrief-aar/lint'
import { describe, expect, it } from 'vitest'

const spans = (text: string, people: string[] = []) =>
  lint(text, { people }).findings.map((f) => ({
    rule: f.ruleId,
    span: text.slice(f.start, f.end),
    line: f.line,
    column: f.column,
  }))

describe('offsets and Markdown', () => {
  it('reports spans that slice the original text', () => {
    const text = 'Timeline.\n\nThe reviewer forgot to check the diff.'
    const [f] = lint(text).findings
    expect(f && text.slice(f.start, f.end)).toBe('forgot')
    expect(f).toMatchObject({ line: 3, column: 14, endLine: 3, endColumn: 20 })
  })

  it('keeps offsets right after emoji and other non-BMP characters', () => {
    const text = '🔥🚒 Incident 𝔸: the operator accidentally wiped the queue.'
    const [f] = lint(text).findings
    expect(f && text.slice(f.start, f.end)).toBe('accidentally')
    expect(f?.column).toBe(text.indexOf('accidentally') + 1)
  })

  it('ignores inline code, fenced blocks, URLs and link targets', () => {
    const text = [
      'Run `the operator forgot to drain` as a test string.',
      '',
      '```',
      'echo "human error"   # the on-call forgot',
      '```',
      '',
      'See https://example.com/the-engineer-forgot-to-check and [the runbook](https://wiki.example.com/human-error).',
      '',
      '~~~text',
      'careless engineer',
      '~~~',
    ].join('\n')
    expect(spans(text)).toEqual([])
  })

  it('still lints link text and reports its position in the original', () => {
    const text = 'Context: [the DBA forgot the index](https://example.com/x) during the migration.'
    expect(spans(text)).toEqual([
      { rule: 'failure-verb-person-subject', span: 'forgot', line: 1, column: text.indexOf('forgot') + 1 },
    ])
  })

  it('reports line and column on later lines of a list', () => {
    const text = '## Causes\n\n- Disk filled up.\n- This was human error.\n'
    expect(spans(text)).toEqual([{ rule: 'human-error', span: 'human error', line: 4, column: 12 }])
  })

  it('treats list items and headings as separate sentences', () => {
    const text = '- The engineer\n- forgot nothing; the cron job forgot its lease'
    expect(spans(text)).toEqual([])
  })
})
