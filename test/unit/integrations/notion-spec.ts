import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * Validators from Notion's own OpenAPI document in ../shared/peers. It is simplified for MCP (see
 * peers/README.md): block requests cover only paragraph and bulleted_list_item and page creation types
 * `children` as strings, so it checks block appends, page updates and data-source queries; page
 * creation is checked against the @notionhq/client types (at compile time) and the fake's limits.
 */

export const NOTION_SPEC_PATH = resolve(
  import.meta.dirname,
  '../../../../shared/peers/notion/notion-api-2025-09-03.openapi.json',
)
export const notionSpecAvailable = existsSync(NOTION_SPEC_PATH)

type Json = Record<string, unknown>
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

export type NotionValidators = Record<'appendChildren' | 'updatePage' | 'queryDataSource', ValidateFunction>

export function loadNotionValidators(): NotionValidators {
  const spec = JSON.parse(readFileSync(NOTION_SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: Json }> } }>>
    components: { schemas: Json }
  }
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
  const compile = (path: string, method: string) => {
    const schema = spec.paths[path]![method]!.requestBody.content['application/json']!.schema
    const standalone = JSON.stringify({ ...schema, $defs: spec.components.schemas })
    return ajv.compile(JSON.parse(standalone.replaceAll('#/components/schemas/', '#/$defs/')))
  }
  return {
    appendChildren: compile('/v1/blocks/{block_id}/children', 'patch'),
    updatePage: compile('/v1/pages/{page_id}', 'patch'),
    queryDataSource: compile('/v1/data_sources/{data_source_id}/query', 'post'),
  }
}
