/**
 * JSON.parse that keeps integers beyond 2^53 exact, as BigInt. Opsgenie sends nanosecond
 * timestamps (e.g. 1502709956288000110) that a plain parse rounds to a different number, which
 * would merge two distinct updates into one delivery key.
 */
export function parseJsonExact(text: string): unknown {
  const reviver = (_key: string, value: unknown, context?: { source?: string }) => {
    if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source) {
      if (/^-?\d+$/.test(context.source)) return BigInt(context.source)
    }
    return value
  }
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown)
}
