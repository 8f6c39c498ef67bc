// Builds the web page (web/) into dist/public: content-hashed assets under assets/ and an index.html
// naming them, so the server can cache assets forever and the page never (see src/web/web.routes.ts).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
export const WEB_OUT = join(root, 'dist', 'public')

export type WebBuild = { files: { name: string; bytes: number }[]; entry: string; css: string }

export async function buildWeb(outDir = WEB_OUT): Promise<WebBuild> {
  const { build } = await import('esbuild')
  await rm(outDir, { recursive: true, force: true })
  const result = await build({
    entryPoints: { app: join(root, 'web', 'src', 'main.ts') },
    outdir: join(outDir, 'assets'),
    bundle: true,
    conditions: ['debrief-source'], // @debrief-aar/lint from its TypeScript sources
    splitting: true, // the Markdown renderer loads only when a preview is shown
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  })
  const outputs = Object.entries(result.metafile.outputs)
  const entry = outputs.find(([name, o]) => o.entryPoint?.endsWith('main.ts') && name.endsWith('.js'))
  const css = outputs.find(([name]) => name.endsWith('.css'))
  if (!entry || !css) throw new Error('web build: entry script or stylesheet missing')
  const url = (file: string) => `/assets/${basename(file)}`
  const template = await readFile(join(root, 'web', 'index.html'), 'utf8')
  const html = template.replace('%SCRIPT%', url(entry[0])).replace('%STYLE%', url(css[0]))
  await mkdir(outDir, { recursive: true })
  await writeFile(join(outDir, 'index.html'), html)
  return {
    files: outputs.map(([name, o]) => ({ name: basename(name), bytes: o.bytes })),
    entry: basename(entry[0]),
    css: basename(css[0]),
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A production install (`npm ci --omit=dev`) has no esbuild: `npm start` (prestart) must still
  // start, serving a page built earlier or none.
  const esbuild = await import('esbuild').catch(() => undefined)
  if (!esbuild) {
    console.error('build:web: esbuild is not installed (production install); the web page is not rebuilt.')
    process.exit(0)
  }
  const built = await buildWeb()
  for (const f of built.files)
    console.log(`  dist/public/assets/${f.name}  ${(f.bytes / 1024).toFixed(1)} KB`)
}
