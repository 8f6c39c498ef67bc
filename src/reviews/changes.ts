import type { Change } from '../db/schema/index.ts'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The fields of `after` that differ from `before`, as revision changes under `prefix`. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  prefix = '',
): Change[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const changes: Change[] = []
  for (const key of [...keys].sort()) {
    const from = before?.[key] ?? null
    const to = after?.[key] ?? null
    if (!same(from, to)) changes.push({ path: `${prefix}${key}`, from, to })
  }
  return changes
}
