import { PreconditionFailedError, PreconditionRequiredError, ValidationError } from './errors.ts'

/** What the caller's If-Match allows: any current version (`*`) or one of the listed ones. */
export type Precondition = { any: true } | { any: false; versions: number[] }

export const etagOf = (version: number) => `"v${version}"`

/** Parses an If-Match value (RFC 9110: `*` or a list of strong tags); 428 when it is missing. */
export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError()
  if (header.trim() === '*') return { any: true }
  const versions: number[] = []
  for (const part of header.split(',')) {
    const match = /^\s*"v(\d{1,9})"\s*$/.exec(part)
    if (!match) {
      throw new ValidationError('If-Match must hold ETags exactly as Debrief sent them, e.g. "v3"', [
        { pointer: '', detail: `If-Match: unrecognised ETag ${part.trim()}` },
      ])
    }
    versions.push(Number(match[1]))
  }
  return { any: false, versions }
}

export function matches(precondition: Precondition, version: number): boolean {
  return precondition.any || precondition.versions.includes(version)
}

/** 412 with the current ETag unless the caller's If-Match allows `version`. */
export function checkVersion(precondition: Precondition | undefined, version: number): void {
  if (precondition && !matches(precondition, version)) throw new PreconditionFailedError(etagOf(version))
}
