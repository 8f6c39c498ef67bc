// `debrief lint <files…>`: lints Markdown or text files for person-blaming language.
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable file.
import { readFile } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { lint, type QuestionKey, RULES_VERSION, rules, type Severity } from './index.ts'
import { atLeast, type FileReport, formatSarif, formatText } from './lint.report.ts'

const USAGE = `Usage: debrief lint <files…> [options]

Checks Markdown or plain-text files for person-blaming language (blameless postmortems).

Options:
  --people <a,b,c>     roster of people (names, @handles, emails); names on it count as people
  --question <key>     which review question the text answers: intent | actual | causes | nextTime
  --format <fmt>       text (default) | json | sarif (SARIF 2.1.0)
  --fail-on <level>    exit 1 when a finding is at or above: error (default) | warning | info
  -h, --help           show this help

Use "-" as a file to read standard input. Exit codes: 0 clean, 1 findings, 2 usage or read error.
`

const QUESTIONS: readonly QuestionKey[] = ['intent', 'actual', 'causes', 'nextTime']
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']
const FORMATS = ['text', 'json', 'sarif'] as const

export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  readStdin: () => Promise<string>
}

class UsageError extends Error {
  readonly showUsage: boolean
  constructor(message: string, showUsage = true) {
    super(message)
    this.showUsage = showUsage
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      people: { type: 'string' },
      question: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const pick = <T extends string>(
    name: string,
    value: string | undefined,
    allowed: readonly T[],
  ): T | undefined => {
    if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`)
  }
  return {
    help: values.help === true,
    command: positionals[0],
    files: positionals.slice(1),
    people:
      values.people
        ?.split(',')
        .map((p) => p.trim())
        .filter(Boolean) ?? [],
    question: pick('question', values.question, QUESTIONS),
    format: pick('format', values.format, FORMATS) ?? 'text',
    failOn: pick('fail-on', values['fail-on'], SEVERITIES) ?? 'error',
  }
}

async function readAll(files: string[], io: CliIo): Promise<{ path: string; text: string }[]> {
  return Promise.all(
    files.map(async (file) => {
      if (file === '-') return { path: '<stdin>', text: await io.readStdin() }
      try {
        return { path: relative(process.cwd(), resolve(file)) || file, text: await readFile(file, 'utf8') }
      } catch (err) {
        throw new UsageError(
          `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
          false,
        )
      }
    }),
  )
}

/** Runs the CLI and returns the exit code (never calls process.exit, so it is testable). */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const args = parse(argv)
    if (args.help) {
      io.stdout(USAGE)
      return 0
    }
    if (args.command !== 'lint')
      throw new UsageError(args.command ? `unknown command "${args.command}"` : 'missing command')
    if (args.files.length === 0) throw new UsageError('no files given')
    const inputs = await readAll(args.files, io)
    const reports: FileReport[] = inputs.map(({ path, text }) => ({
      path,
      findings: lint(text, { people: args.people, ...(args.question ? { question: args.question } : {}) })
        .findings,
    }))
    if (args.format === 'sarif')
      io.stdout(`${JSON.stringify(formatSarif(reports, rules, RULES_VERSION), null, 2)}\n`)
    else if (args.format === 'json')
      io.stdout(`${JSON.stringify({ rulesVersion: RULES_VERSION, files: reports }, null, 2)}\n`)
    else io.stdout(formatText(reports))
    return reports.some((r) => r.findings.some((f) => atLeast(f.severity, args.failOn))) ? 1 : 0
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const usage = err instanceof UsageError && !err.showUsage ? '' : `\n${USAGE}`
      io.stderr(`debrief: ${(err as Error).message}\n${usage}`)
      return 2
    }
    throw err
  }
}

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
}

// Run when executed directly (`node src/cli.ts …`); bin/debrief.js imports `main` instead.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2))
}
