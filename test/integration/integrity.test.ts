import { describe, expect, it } from 'vitest'
import { setupApp } from '../helpers/app.ts'
import { ifMatch, makeActionItem, makeReview } from '../helpers/factories.ts'

const t = await setupApp()

/** The SQLSTATE a statement fails with, or undefined when it succeeds. */
const failure = async (text: string, params: unknown[] = []) => {
  try {
    await t.sql(text, params)
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

describe('integrity in the database', () => {
  it('deleting a review takes its revisions and parts with it; the delivery log keeps its rows', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    await makeActionItem(team, review.id)
    const edited = await team.call('PATCH', `/v1/reviews/${review.id}`, { title: 'Edited' }, ifMatch(2))
    expect(edited.status).toBe(200)
    await t.sql(
      `insert into deliveries (team_id, review_id, target_kind, target_id, event_type, payload)
       values ($1, $2, 'webhook', gen_random_uuid(), 'review.created', '{}')`,
      [team.id, review.id],
    )
    expect((await t.sql('select 1 from revisions where review_id = $1', [review.id])).length).toBeGreaterThan(
      1,
    )
    expect((await team.call('DELETE', `/v1/reviews/${review.id}`, undefined, ifMatch(3))).status).toBe(204)
    expect(await t.sql('select 1 from revisions where review_id = $1', [review.id])).toEqual([])
    expect(await t.sql('select 1 from action_items where review_id = $1', [review.id])).toEqual([])
    expect(await t.sql('select review_id from deliveries where team_id = $1', [team.id])).toEqual([
      { review_id: null },
    ])
  })

  it('refuses references to rows that do not exist', async () => {
    const team = await t.team()
    const missing = '00000000-0000-4000-8000-000000000000'
    expect(
      await failure(
        `insert into revisions (team_id, review_id, review_version, action, changes) values ($1, $2, 1, 'x', '[]')`,
        [team.id, missing],
      ),
    ).toBe('23503')
    const review = await makeReview(team)
    expect(
      await failure(
        `insert into publications (team_id, review_id, number, review_version, snapshot, published_by)
         values ($1, $2, 1, 1, '{}', $3)`,
        [team.id, review.id, missing],
      ),
    ).toBe('23503')
  })

  it('refuses statuses, priorities and kinds outside their sets', async () => {
    const team = await t.team()
    const review = await makeReview(team)
    const item = await makeActionItem(team, review.id)
    for (const [sql, params] of [
      ['update reviews set status = $2 where id = $1', [review.id, 'archived']],
      ['update reviews set severity = $2 where id = $1', [review.id, '']],
      ['update action_items set priority = $2 where id = $1', [item.id, 'urgent']],
      ['update action_items set status = $2 where id = $1', [item.id, 'closed']],
    ] as const) {
      expect(await failure(sql, [...params]), sql).toBe('23514')
    }
    expect(
      await failure('update action_items set priority = $2 where id = $1', [item.id, 'high']),
    ).toBeUndefined()
  })
})
