import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * Validators for the request bodies Debrief sends to Confluence Cloud, built from Atlassian's own
 * OpenAPI document in ../shared/peers (data written by someone other than this team).
 *
 * The spec's `body` is a `oneOf` of two open object schemas (PageBodyWrite, PageNestedBodyWrite), so
 * every body matches both and `oneOf` rejects all valid requests; as peers/README.md suggests, it is
 * rewritten to `anyOf`. The objects are also closed (additionalProperties: false) in our copy, so a
 * misspelt or invented field is caught instead of passing an open schema.
 */

export const SPEC_PATH = resolve(
  import.meta.dirname,
  '../../../../shared/peers/confluence/confluence-cloud-rest-v2.openapi.json',
)
export const specAvailable = existsSync(SPEC_PATH)

type Json = Record<string, unknown>
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

function requestSchema(spec: Json, name: string, repair: boolean): Json {
  const components = spec.components as { requestBodies: Record<string, Json>; schemas: Record<string, Json> }
  const content = components.requestBodies[name]?.content as Record<string, { schema: Json }>
  const root = structuredClone(content['application/json']!.schema)
  const defs = structuredClone(components.schemas)
  if (repair) {
    const body = (root.properties as Record<string, Json>).body!
    body.anyOf = body.oneOf
    delete body.oneOf
    root.additionalProperties = false
    for (const def of ['PageBodyWrite', 'PageNestedBodyWrite']) defs[def]!.additionalProperties = false
  }
  // Refs point into the OpenAPI document; make them point into $defs of this standalone schema.
  return JSON.parse(JSON.stringify({ ...root, $defs: defs }).replaceAll('#/components/schemas/', '#/$defs/'))
}

export type ConfluenceValidators = {
  create: ValidateFunction
  update: ValidateFunction
  /** The spec as published (with the `oneOf` defect), to show the repair is needed. */
  createAsPublished: ValidateFunction
}

export function loadConfluenceValidators(): ConfluenceValidators {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json
  // strict: false because OpenAPI 3.0 schemas carry keywords JSON Schema does not know (nullable, …).
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
  // The spec declares some ids as `format: string`, which is no format at all.
  ajv.addFormat('string', true)
  return {
    create: ajv.compile(requestSchema(spec, 'PageCreateRequest', true)),
    update: ajv.compile(requestSchema(spec, 'PageUpdateRequest', true)),
    createAsPublished: ajv.compile(requestSchema(spec, 'PageCreateRequest', false)),
  }
}
