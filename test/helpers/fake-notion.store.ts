import { randomUUID } from 'node:crypto'
import type { Reply } from './fake-server.ts'

/** The fake Notion's storage and its JSON shapes (API version 2025-09-03). Pages are blocks too. */

export type Parent =
  | { type: 'workspace'; workspace: true }
  | { type: 'page_id'; page_id: string }
  | { type: 'block_id'; block_id: string }
  | { type: 'data_source_id'; data_source_id: string; database_id: string }

export type Node = {
  id: string
  type: string
  parent: Parent
  content: Record<string, unknown>
  /** Page title (pages only). */
  title?: string
  children: string[]
  inTrash: boolean
}

/** Notion accepts ids with or without dashes. */
export const key = (id: string) => id.replace(/-/g, '').toLowerCase()
const stamp = '2026-11-21T10:00:00.000Z'

export const notionError = (status: number, code: string, message: string): Reply => ({
  status,
  body: { object: 'error', status, code, message, request_id: randomUUID() },
})
export const notFound = (id: string) =>
  notionError(
    404,
    'object_not_found',
    `Could not find block with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  )
export const list = (results: unknown[], next: string | null, type = 'block') => ({
  status: 200,
  body: { object: 'list', results, next_cursor: next, has_more: next !== null, type, [type]: {} },
})

export const richText = (content: string) => [
  {
    type: 'text',
    text: { content, link: null },
    plain_text: content,
    href: null,
    annotations: {
      bold: false,
      italic: false,
      strikethrough: false,
      underline: false,
      code: false,
      color: 'default',
    },
  },
]

export function createStore(titleProperty: string) {
  const nodes = new Map<string, Node>()
  const get = (id: string) => nodes.get(key(id))
  const live = (id: string) => {
    const node = get(id)
    return node && !node.inTrash ? node : undefined
  }
  const add = (node: Omit<Node, 'id' | 'children' | 'inTrash'> & { id?: string }) => {
    const full: Node = { ...node, id: node.id ?? randomUUID(), children: [], inTrash: false }
    nodes.set(key(full.id), full)
    const p = node.parent
    const parentId = p.type === 'page_id' ? p.page_id : p.type === 'block_id' ? p.block_id : undefined
    if (parentId) get(parentId)?.children.push(full.id)
    return full
  }
  /** Stores request blocks (and their nested children) under `parent`. */
  const addBlocks = (blocks: Record<string, unknown>[], parent: Parent): Node[] =>
    blocks.map((block) => {
      const type = (block.type as string | undefined) ?? Object.keys(block).find((k) => k !== 'object')!
      const content = (block[type] ?? {}) as Record<string, unknown>
      const node = add({ type, parent, content })
      const nested = content.children as Record<string, unknown>[] | undefined
      if (nested) addBlocks(nested, { type: 'block_id', block_id: node.id })
      return node
    })
  const liveChildren = (node: Node) => node.children.map((c) => get(c)!).filter((n) => !n.inTrash)

  const pageJson = (n: Node) => ({
    object: 'page',
    id: n.id,
    created_time: stamp,
    last_edited_time: stamp,
    parent: n.parent,
    archived: n.inTrash,
    in_trash: n.inTrash,
    is_locked: false,
    properties: {
      [n.parent.type === 'data_source_id' ? titleProperty : 'title']: {
        id: 'title',
        type: 'title',
        title: richText(n.title ?? ''),
      },
    },
    url: `https://www.notion.so/${(n.title ?? '').replace(/\W+/g, '-')}-${key(n.id)}`,
    public_url: null,
  })
  const blockJson = (n: Node) => {
    const { children: _nested, ...content } = n.content
    return {
      object: 'block',
      id: n.id,
      parent: n.parent,
      created_time: stamp,
      last_edited_time: stamp,
      has_children: liveChildren(n).length > 0,
      archived: n.inTrash,
      in_trash: n.inTrash,
      type: n.type,
      [n.type]: n.type === 'child_page' ? { title: n.title } : content,
    }
  }

  return { nodes, get, live, add, addBlocks, liveChildren, pageJson, blockJson }
}
export type Store = ReturnType<typeof createStore>
