import { PreconditionFailedError, PreconditionRequiredError, ValidationError } from './errors.ts'

/** What the caller's If-Match allows: any current version (`*`) or one of the listed ones. */
export type Precondition = { any: true } | { any: false; versions: number[] }

export const etagOf = (version: number) => `"v${version}"`

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
const ENTITY_TAG = /^\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*$/
const OUR_TAG = /^v(\d{1,9})$/

/**
 * Parses an If-Match value (RFC 9110 §13.1.1: `*` or a list of entity tags); 428 when it is missing,
 * 400 when it is not a list of entity tags. If-Match compares strongly, so a weak tag or one Debrief
 * never sent is well-formed but matches no version: the write then fails its precondition with 412.
 */
export function parseIfMatch(header: string | undefined): Precondition {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError()
  if (header.trim() === '*') return { any: true }
  const versions: number[] = []
  for (const part of header.split(',')) {
    const tag = ENTITY_TAG.exec(part)
    if (!tag) {
      throw new ValidationError('If-Match must be * or a list of quoted ETags, e.g. "v3"', [
        { pointer: '', detail: `If-Match: not an entity tag: ${part.trim()}` },
      ])
    }
    const ours = tag[1] ? null : OUR_TAG.exec(tag[2]!)
    if (ours) versions.push(Number(ours[1]))
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
