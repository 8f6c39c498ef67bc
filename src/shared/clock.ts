/** Injected so tests can move time (overdue action items) without sleeping. */
export type Clock = { now(): Date }
export const systemClock: Clock = { now: () => new Date() }
