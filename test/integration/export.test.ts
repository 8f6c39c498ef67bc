import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { ADMIN_TOKEN, call, setupApp } from '../helpers/app.ts'
import { fullAnswers, getReview, makeCompleteReview, makeReview } from '../helpers/factories.ts'
import { expectProblem } from '../helpers/problems.ts'

const t = await setupApp()

const frontMatter = (markdown: string) => {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown)
  expect(match, 'front matter').not.toBeNull()
  return parseYaml(match![1]!)
}

describe('GET /v1/reviews/{id}/export.md', () => {
  it('exports a complete review as Markdown with front matter and every section', async () => {
    const team = await t.team()
    const created = await makeCompleteReview(team)
    const review = await getReview(team, created.id)
    const res = await team.call('GET', `/v1/reviews/${review.id}/export.md`)

    expect(res.status, res.text).toBe(200)
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8')
    expect(res.headers.etag).toMatch(/^W\/"h[\w-]{22}"$/)
    expect(frontMatter(res.text)).toMatchObject({
      review_id: review.id,
      title: review.title,
      version: review.version,
      status: 'draft',
      severity: 'SEV2',
      incident: null,
      template: 'aar',
      generated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    for (const heading of [
      `# ${review.title}`,
      '## 1. What did we set out to do?',
      '## 2. What actually happened?',
      '### Timeline',
      '## 3. Why did it happen that way?',
      '### Contributing factors',
      '## 4. What will we do differently next time?',
      '### Action items',
      '## Participants',
    ])
      expect(res.text).toContain(`\n${heading}\n`)
    expect(res.text).toContain(fullAnswers.intent)
    expect(res.text).toContain('| 2026-11-20 10:00 UTC | Detection | Error-rate alert fired |')
    expect(res.text).toContain('| A1 | Validate config in CI | platform team | 2026-12-31 | Open |')
  })

  it('renders the classic layout on request and refuses an unknown template', async () => {
    const team = await t.team(['read', 'write'])
    const review = await makeReview(team, { title: 'Queue backlog', answers: fullAnswers })
    const classic = await team.call('GET', `/v1/reviews/${review.id}/export.md?template=classic`)
    expect(classic.status).toBe(200)
    expect(frontMatter(classic.text).template).toBe('classic')
    expect(classic.text).toContain('\n## Summary\n')
    expect(classic.text).toContain('\n## Impact\n')

    const unknown = await team.call('GET', `/v1/reviews/${review.id}/export.md?template=fancy`)
    expectProblem(unknown, 400, 'validation-failed')
  })

  it('escapes user text: a title cannot become a heading or a link', async () => {
    const team = await t.team()
    const review = await makeReview(team, { title: 'Outage [x](javascript:alert(1)) # not a heading' })
    const res = await team.call('GET', `/v1/reviews/${review.id}/export.md`)
    expect(res.text).toContain('# Outage \\[x\\](javascript:alert(1)) \\# not a heading\n')
  })

  it('needs only the read scope', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const key = await call(t.app, ADMIN_TOKEN, 'POST', `/v1/teams/${team.id}/api-keys`, {
      name: 'wiki sync',
      scopes: ['read'],
    })
    const res = await call(t.app, key.body.key, 'GET', `/v1/reviews/${review.id}/export.md`)
    expect(res.status, res.text).toBe(200)
    expect((await call(t.app, undefined, 'GET', `/v1/reviews/${review.id}/export.md`)).status).toBe(401)
  })

  it("answers 404 for another team's review, exactly as for one that does not exist", async () => {
    const owner = await t.team()
    const other = await t.team()
    const review = await makeCompleteReview(owner)
    const foreign = await other.call('GET', `/v1/reviews/${review.id}/export.md`)
    const missing = await other.call('GET', '/v1/reviews/00000000-0000-4000-8000-000000000000/export.md')
    expectProblem(foreign, 404, 'not-found')
    expectProblem(missing, 404, 'not-found')
    expect(foreign.text).not.toContain(review.title)
    expect(foreign.body.detail).toBe(
      missing.body.detail.replace('00000000-0000-4000-8000-000000000000', review.id),
    )
  })
})
