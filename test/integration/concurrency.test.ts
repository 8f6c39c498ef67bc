import { describe, expect, it } from 'vitest'
import { type Res, setupApp, type TestTeam } from '../helpers/app.ts'
import { ifMatch } from '../helpers/factories.ts'

// Enough connections that the concurrent writers really overlap inside PostgreSQL.
const t = await setupApp({ poolSize: 30 })

const tally = (responses: Res[]) => {
  const counts: Record<number, number> = {}
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1
  return counts
}
const all = <T>(n: number, f: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => f(i)))

async function endpoint(team: TestTeam) {
  const res = await team.call('POST', '/v1/webhook-endpoints', {
    url: 'https://hooks.example.com/in',
    events: ['review.published'],
  })
  expect(res.status).toBe(201)
  return res.body as { id: string; version: number }
}
async function integration(team: TestTeam) {
  const res = await team.call('POST', '/v1/integrations', {
    kind: 'confluence-cloud',
    name: 'wiki',
    config: { baseUrl: 'https://example.atlassian.net', spaceId: '1' },
    credentials: { email: 'a@example.com', apiToken: 'token-123456789' },
  })
  expect(res.status).toBe(201)
  return res.body as { id: string; version: number }
}

describe('concurrent writes with one If-Match: exactly one winner on every resource with an ETag', () => {
  it('webhook endpoints: 30 PATCHes → 1×200 + 29×412, and the winner is what is stored', async () => {
    const team = await t.team(['admin'])
    const { id } = await endpoint(team)
    const results = await all(30, (i) =>
      team.call(
        'PATCH',
        `/v1/webhook-endpoints/${id}`,
        { url: `https://hooks.example.com/${i}` },
        ifMatch(1),
      ),
    )
    expect(tally(results)).toEqual({ 200: 1, 412: 29 })
    const winner = results.find((r) => r.status === 200)!
    const stored = await team.call('GET', `/v1/webhook-endpoints/${id}`)
    expect(stored.body).toMatchObject({ version: 2, url: winner.body.url })
  })

  it('webhook endpoints: 10 DELETEs → 1×204 + 9×412/404; PATCH racing DELETE → one wins, never 500', async () => {
    const team = await t.team(['admin'])
    const { id } = await endpoint(team)
    const deletes = await all(10, () =>
      team.call('DELETE', `/v1/webhook-endpoints/${id}`, undefined, ifMatch(1)),
    )
    expect(tally(deletes)[204]).toBe(1)
    expect(deletes.every((r) => [204, 404, 412].includes(r.status))).toBe(true)
    for (let round = 0; round < 5; round++) {
      const other = await endpoint(team)
      const [patch, del] = await Promise.all([
        team.call('PATCH', `/v1/webhook-endpoints/${other.id}`, { enabled: false }, ifMatch(1)),
        team.call('DELETE', `/v1/webhook-endpoints/${other.id}`, undefined, ifMatch(1)),
      ])
      const left = await t.sql('select 1 from webhook_endpoints where id = $1', [other.id])
      // Either the PATCH won (DELETE then sees v2: 412, row kept) or the DELETE won (PATCH: 404, row gone).
      if (patch.status === 200) expect([del.status, left.length]).toEqual([412, 1])
      else expect([patch.status, del.status, left.length]).toEqual([404, 204, 0])
    }
  })

  it('webhook endpoints: 10 concurrent rotate-secret calls apply one after another', async () => {
    const team = await t.team(['admin'])
    const { id } = await endpoint(team)
    const results = await all(10, () => team.call('POST', `/v1/webhook-endpoints/${id}/rotate-secret`))
    expect(tally(results)).toEqual({ 200: 10 })
    expect(new Set(results.map((r) => r.body.secret)).size).toBe(10)
    // Each rotation saw the version the previous one left: none overwrote another.
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('integrations: 30 PATCHes → 1×200 + 29×412; 10 DELETEs → 1×204 and the row is gone', async () => {
    const team = await t.team(['admin'])
    const { id } = await integration(team)
    const patches = await all(30, (i) =>
      team.call('PATCH', `/v1/integrations/${id}`, { name: `n${i}` }, ifMatch(1)),
    )
    expect(tally(patches)).toEqual({ 200: 1, 412: 29 })
    const deletes = await all(10, () => team.call('DELETE', `/v1/integrations/${id}`, undefined, ifMatch(2)))
    expect(tally(deletes)[204]).toBe(1)
    expect(deletes.every((r) => [204, 404, 412].includes(r.status))).toBe(true)
    expect(await t.sql('select 1 from integrations where id = $1', [id])).toEqual([])
  })

  it('integrations: a DELETE racing a PATCH either deletes or answers 412, never 204 without deleting', async () => {
    const team = await t.team(['admin'])
    for (let round = 0; round < 5; round++) {
      const { id } = await integration(team)
      const [patch, del] = await Promise.all([
        team.call('PATCH', `/v1/integrations/${id}`, { enabled: false }, ifMatch(1)),
        team.call('DELETE', `/v1/integrations/${id}`, undefined, ifMatch(1)),
      ])
      const left = await t.sql('select 1 from integrations where id = $1', [id])
      if (del.status === 204) expect([patch.status, left.length]).toEqual([404, 0])
      else expect([patch.status, del.status, left.length]).toEqual([200, 412, 1])
    }
  })

  it('lint config: 20 PUTs with the same If-Match → 1×200 + 19×412', async () => {
    const team = await t.team(['admin'])
    const results = await all(20, () =>
      team.call('PUT', '/v1/lint/config', { disabledRules: [] }, ifMatch(0)),
    )
    expect(tally(results)).toEqual({ 200: 1, 412: 19 })
    expect((await team.call('GET', '/v1/lint/config')).headers.etag).toBe('"v1"')
  })
})
