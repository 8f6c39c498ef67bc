import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { journalProblems } from '../../../scripts/check-migrations.ts'

describe('migration journal', () => {
  it('the committed journal is strictly increasing', () => {
    const journal = JSON.parse(
      readFileSync(new URL('../../../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
    )
    expect(journal.entries.length).toBeGreaterThan(0)
    expect(journalProblems(journal)).toEqual([])
  })

  it('catches a migration whose timestamp is older than the one before', () => {
    const problems = journalProblems({
      entries: [
        { idx: 0, when: 200, tag: '0000_a' },
        { idx: 1, when: 100, tag: '0001_b' },
      ],
    })
    expect(problems).toEqual(['0001_b: timestamp 100 is not after 0000_a (200)'])
  })
})
