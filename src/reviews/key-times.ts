import { type FieldError, ValidationError } from '../shared/errors.ts'

export const KEY_TIMES = ['startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const
type KeyTime = (typeof KEY_TIMES)[number]

/**
 * An incident is detected after it starts, mitigated after it is detected and resolved after it is
 * mitigated (equal times are fine). Unset times are skipped. `sent` names the fields this request
 * set, so a PATCH is told which of its own values conflicts with a stored one.
 */
export function checkKeyTimeOrder(times: Partial<Record<KeyTime, Date | null>>, sent: ReadonlySet<string>) {
  const errors: (FieldError & { in: 'body' })[] = []
  const set = KEY_TIMES.filter((k) => times[k] instanceof Date)
  for (let i = 1; i < set.length; i++) {
    const earlier = set[i - 1]!
    const later = set[i]!
    if (times[later]!.getTime() >= times[earlier]!.getTime()) continue
    const blamed = sent.has(later) || !sent.has(earlier) ? later : earlier
    const other = blamed === later ? earlier : later
    errors.push({
      in: 'body',
      pointer: `/${blamed}`,
      detail: `${later} (${times[later]!.toISOString()}) must not be before ${earlier} (${times[earlier]!.toISOString()})${
        sent.has(other) ? '' : `, as stored`
      }`,
    })
  }
  if (errors.length > 0) {
    throw new ValidationError(
      `Key times must be in order (startedAt ≤ detectedAt ≤ mitigatedAt ≤ resolvedAt): ${errors.map((e) => e.detail).join('; ')}`,
      errors,
    )
  }
}
