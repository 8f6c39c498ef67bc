/** How many attempts a delivery gets before it is dead-lettered. */
export const MAX_ATTEMPTS = 8
const BASE_MS = 5_000
const CAP_MS = 60 * 60_000

/**
 * Delay before attempt `attempt + 1` after `attempt` failures: exponential backoff with full jitter
 * (so a recovering peer is not hit by every retry at once), never sooner than the peer's Retry-After.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
) {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1))
  const jittered = ceiling / 2 + random() * (ceiling / 2)
  return Math.max(Math.round(jittered), Math.min(retryAfterMs ?? 0, CAP_MS))
}
