// Fails when drizzle/meta/_journal.json is not strictly increasing in idx and `when`:
// drizzle's migrator silently skips a migration whose timestamp is older than the last one applied.
import { readFileSync } from 'node:fs'

type Journal = { entries: { idx: number; when: number; tag: string }[] }

export function journalProblems(journal: Journal): string[] {
  const problems: string[] = []
  journal.entries.forEach((entry, i) => {
    const prev = journal.entries[i - 1]
    if (entry.idx !== i) problems.push(`${entry.tag}: idx ${entry.idx}, expected ${i}`)
    if (prev && entry.when <= prev.when) {
      problems.push(`${entry.tag}: timestamp ${entry.when} is not after ${prev.tag} (${prev.when})`)
    }
  })
  return problems
}

if (import.meta.main) {
  const journal = JSON.parse(readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'))
  const problems = journalProblems(journal)
  for (const p of problems) console.error(`migration journal: ${p}`)
  if (problems.length > 0) process.exit(1)
  console.log(`migration journal ok (${journal.entries.length} migrations)`)
}
