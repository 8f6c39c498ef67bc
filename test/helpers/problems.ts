import { expect } from 'vitest'
import type { Res } from './app.ts'

/** Asserts an RFC 9457 answer: status, content type, the stable type slug and a request id. */
export function expectProblem(res: Res, status: number, slug?: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) })
  expect(res.body.type).toMatch(/^\/problems\/[a-z-]+$/)
  if (slug) expect(res.body.type).toBe(`/problems/${slug}`)
  expect(res.body.requestId).toEqual(expect.any(String))
  expect(res.headers['x-request-id']).toBe(res.body.requestId)
  return res.body
}

/** A problem body without the parts that name the request (instance, requestId), to compare two answers. */
export function problemShape(res: Res) {
  const { instance: _instance, requestId: _requestId, ...rest } = res.body ?? {}
  return { status: res.status, contentType: res.headers['content-type'], body: rest }
}

/** The JSON pointers of a validation problem's field errors, sorted. */
export const pointers = (res: Res) =>
  ((res.body?.errors ?? []) as { pointer: string }[]).map((e) => e.pointer).sort()
