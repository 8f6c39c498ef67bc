/** Egress safety: the one client for all outgoing HTTP, and the checks behind it. */
export { addressRefusal, canonicalAddress, METADATA_ADDRESSES } from './address.ts'
export { type AllowList, compileAllowList, normaliseHost, parseEgressAllow } from './allow-list.ts'
export { type Resolver, resolvedRefusal, systemResolver } from './connector.ts'
export { createEgressFetch, type EgressOptions } from './egress-fetch.ts'
export { classifyFetchError, EgressBlockedError, EgressResponseTooLargeError } from './errors.ts'
export { validateOutgoingUrl } from './validate-url.ts'
