// `npm run deps:check`: fails when folders of src/ import each other in a cycle (a → b → … → a).
// A folder is the first path segment under src/ (src/db/schema/x.ts belongs to `db/`). A file directly
// in src/ is a node of its own (the composition root, config), and so is an entry point that nothing
// imports (e.g. src/db/migrate.cli.ts): no cycle can run through a file nobody depends on.
// Type-only imports count too: a cycle of types is still two folders that cannot change apart.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../src'))

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

const imports = new Map<string, { target: string; specifier: string }[]>()
for (const file of files(root)) {
  imports.set(
    file,
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.filter((ref) => ref.fileName.startsWith('.'))
      .map((ref) => ({ target: resolve(dirname(file), ref.fileName), specifier: ref.fileName }))
      .filter((i) => i.target.startsWith(root)),
  )
}
const imported = new Set([...imports.values()].flatMap((list) => list.map((i) => i.target)))

const nodeOf = (file: string) => {
  const parts = relative(root, file).split(sep)
  return parts.length === 1 || !imported.has(file) ? relative(root, file) : `${parts[0]}/`
}

/** Folder → folder → one example import (file → specifier), for the message. */
const edges = new Map<string, Map<string, string>>()
for (const [file, list] of imports) {
  const from = nodeOf(file)
  for (const { target, specifier } of list) {
    const to = nodeOf(target)
    if (to === from) continue
    const out = edges.get(from) ?? new Map<string, string>()
    if (!out.has(to)) out.set(to, `${relative(root, file)} → ${specifier}`)
    edges.set(from, out)
  }
}

// Tarjan's strongly connected components: every component with more than one folder is a cycle.
let index = 0
const stack: string[] = []
const meta = new Map<string, { index: number; low: number; onStack: boolean }>()
const components: string[][] = []
function visit(v: string) {
  const m = { index, low: index, onStack: true }
  index++
  meta.set(v, m)
  stack.push(v)
  for (const w of edges.get(v)?.keys() ?? []) {
    const n = meta.get(w)
    if (!n) {
      visit(w)
      m.low = Math.min(m.low, meta.get(w)!.low)
    } else if (n.onStack) m.low = Math.min(m.low, n.index)
  }
  if (m.low === m.index) {
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      meta.get(w)!.onStack = false
      component.push(w)
    } while (w !== v)
    if (component.length > 1) components.push(component.sort())
  }
}
for (const v of edges.keys()) if (!meta.has(v)) visit(v)

if (components.length === 0) {
  console.log(`no import cycles between the folders of src/ (${edges.size} import anything)`)
} else {
  for (const c of components) {
    console.error(`import cycle between ${c.join(', ')}:`)
    for (const from of c)
      for (const [to, example] of edges.get(from) ?? [])
        if (c.includes(to)) console.error(`  ${from} → ${to}  (${example})`)
  }
  console.error(`${components.length} folder cycle(s); move the shared piece to the folder both can import`)
  process.exit(1)
}
