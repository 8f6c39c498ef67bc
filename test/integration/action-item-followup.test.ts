import { describe, expect, it } from 'vitest'
import { setupApp } from '../helpers/app.ts'
import { ifMatch, makeCompleteReview } from '../helpers/factories.ts'

const t = await setupApp()

async function published(team: Awaited<ReturnType<typeof t.team>>) {
  const review = await makeCompleteReview(team)
  const submitted = (
    await team.call('POST', `/v1/reviews/${review.id}/submit`, undefined, ifMatch(review.version))
  ).body
  const res = await team.call(
    'POST',
    `/v1/reviews/${review.id}/publish`,
    undefined,
    ifMatch(submitted.version),
  )
  expect(res.status).toBe(200)
  return (await team.call('GET', `/v1/reviews/${review.id}`)).body
}

describe('action-item follow-up on a published review', () => {
  it('keeps the review published when status, owner, due date or tracker change, and records it', async () => {
    const team = await t.team(['write'])
    const review = await published(team)
    const item = review.actionItems[0]
    const res = await team.call(
      'PATCH',
      `/v1/reviews/${review.id}/action-items/${item.id}`,
      {
        status: 'done',
        owner: 'sre team',
        dueDate: '2027-01-15',
        trackerUrl: 'https://jira.example.com/browse/OPS-1',
      },
      ifMatch(item.version),
    )
    expect(res.status, res.text).toBe(200)
    const after = (await team.call('GET', `/v1/reviews/${review.id}`)).body
    expect(after.status).toBe('published')
    expect(after.actionItems[0]).toMatchObject({ status: 'done', owner: 'sre team' })
    const revisions = (await team.call('GET', `/v1/reviews/${review.id}/revisions`)).body.items
    expect(revisions.at(-1)).toMatchObject({ action: 'action_item.updated' })
  })

  it('still moves the review back to draft when the action item’s wording changes', async () => {
    const team = await t.team(['write'])
    const review = await published(team)
    const item = review.actionItems[0]
    await team.call(
      'PATCH',
      `/v1/reviews/${review.id}/action-items/${item.id}`,
      { title: 'Validate every config in CI before deploy' },
      ifMatch(item.version),
    )
    expect((await team.call('GET', `/v1/reviews/${review.id}`)).body.status).toBe('draft')
  })
})
