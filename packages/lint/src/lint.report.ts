// Report formats for lint results: human-readable text and SARIF 2.1.0 (for code-scanning UIs).
import type { Finding, RuleInfo, Severity } from './lint.types.ts'

export interface FileReport {
  /** Path as shown to the user; SARIF uses it as a relative artifact URI. */
  path: string
  findings: Finding[]
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 }

/** True when `severity` is at or above `threshold`. */
export const atLeast = (severity: Severity, threshold: Severity): boolean =>
  SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]

/** `file:line:col  severity  message [rule]` plus the suggestion, one block per finding. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = []
  let total = 0
  for (const { path, findings } of reports) {
    for (const f of findings) {
      total++
      lines.push(`${path}:${f.line}:${f.column}  ${f.severity.padEnd(7)}  ${f.message}  [${f.ruleId}]`)
      lines.push(`    suggestion: ${f.suggestion}`)
    }
  }
  lines.push(
    total === 0
      ? 'No blaming language found.'
      : `${total} finding${total === 1 ? '' : 's'} in ${reports.length} file${reports.length === 1 ? '' : 's'}.`,
  )
  return `${lines.join('\n')}\n`
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
}

const toUri = (path: string): string => path.split(/[\\/]/).map(encodeURIComponent).join('/')

/** A SARIF 2.1.0 log with one run; columns are UTF-16 code units, like the finding offsets. */
export function formatSarif(
  reports: readonly FileReport[],
  rules: readonly RuleInfo[],
  version: string,
): object {
  const index = new Map(rules.map((r, i) => [r.id, i]))
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'debrief-lint',
            version,
            informationUri: 'https://github.com/debrief/debrief',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.explanation },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
              properties: { category: r.category },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap(({ path, findings }) =>
          findings.map((f) => ({
            ruleId: f.ruleId,
            ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: `${f.message} Suggestion: ${f.suggestion}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(path) },
                  region: {
                    startLine: f.line,
                    startColumn: f.column,
                    endLine: f.endLine,
                    endColumn: f.endColumn,
                    charOffset: f.start,
                    charLength: f.end - f.start,
                  },
                },
              },
            ],
            properties: { category: f.category, explanation: f.explanation },
          })),
        ),
      },
    ],
  }
}
