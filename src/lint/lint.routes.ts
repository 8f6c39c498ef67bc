import { CATEGORIES, type LintConfig, lint, rules } from '@debrief-aar/lint'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { teamCaller } from '../http/auth.ts'
import { requireIfMatch, withEtag } from '../http/preconditions.ts'
import { commonErrors, IfMatchHeaders, preconditionErrors, problem } from '../http/schemas.ts'
import { ProblemError } from '../shared/errors.ts'
import type { LintConfigService } from './lint-config.service.ts'

/** Longest text POST /v1/lint accepts (UTF-16 code units); longer gets 413. */
export const MAX_LINT_CHARS = 200_000

const Severity = z.enum(['error', 'warning', 'info'])
const Question = z.enum(['intent', 'actual', 'causes', 'nextTime'])
const RuleId = z.enum(rules.map((r) => r.id) as [string, ...string[]])
const Term = z.string().trim().min(1).max(100)

export const LintConfigBody = z
  .strictObject({
    disabledRules: z.array(RuleId).max(100).optional(),
    severities: z.partialRecord(RuleId, Severity).optional(),
    extraTerms: z
      .partialRecord(z.enum(CATEGORIES as [string, ...string[]]), z.array(Term).max(200))
      .optional(),
    allowedTerms: z
      .array(Term)
      .max(500)
      .optional()
      .describe('Names of systems that look like people, e.g. Jenkins'),
  })
  .meta({ id: 'LintConfig' })

export const FindingView = z
  .object({
    ruleId: z.string(),
    category: z.enum(CATEGORIES as [string, ...string[]]),
    severity: Severity,
    message: z.string(),
    start: z.number().int().describe('UTF-16 offset: text.slice(start, end) is the flagged span'),
    end: z.number().int(),
    line: z.number().int(),
    column: z.number().int(),
    suggestion: z.string(),
    explanation: z.string(),
  })
  .meta({ id: 'LintFinding' })

const RuleView = z
  .object({
    id: z.string(),
    category: z.string(),
    defaultSeverity: Severity,
    description: z.string(),
    explanation: z.string(),
    questions: z.array(Question).optional(),
    examples: z.object({ flagged: z.array(z.string()), acceptable: z.array(z.string()) }),
  })
  .meta({ id: 'LintRule' })

const tags = ['lint']

/** The linter as an API: lint any text, read the rule catalogue, manage the team's settings. */
export const lintRoutes: FastifyPluginAsyncZod<{ config: LintConfigService }> = async (app, { config }) => {
  app.post(
    '/v1/lint',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'lintText',
        summary: 'Flag person-blaming language in any text (Markdown or plain), with spans and rewrites',
        description: `Applies the team's lint settings. Texts longer than ${MAX_LINT_CHARS} characters get 413.`,
        tags,
        body: z.strictObject({
          text: z.string(),
          people: z
            .array(z.string().trim().min(1).max(200))
            .max(500)
            .optional()
            .describe('Names, @handles, emails'),
          question: Question.optional().describe(
            'Which AAR answer the text is; causes and nextTime are stricter',
          ),
        }),
        response: {
          200: z.object({ rulesVersion: z.string(), findings: z.array(FindingView) }),
          ...commonErrors,
          413: problem('The text is longer than the documented limit'),
        },
      },
    },
    async (request) => {
      const { text, people, question } = request.body
      if (text.length > MAX_LINT_CHARS) {
        throw new ProblemError(
          413,
          'payload-too-large',
          'Payload Too Large',
          `text is ${text.length} characters; POST /v1/lint accepts at most ${MAX_LINT_CHARS}`,
        )
      }
      const teamConfig = await config.forLinting(teamCaller(request).teamId)
      return lint(text, {
        config: teamConfig,
        ...(people ? { people } : {}),
        ...(question ? { question } : {}),
      })
    },
  )

  app.get(
    '/v1/lint/rules',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'listLintRules',
        summary: 'The rule catalogue with examples of flagged and acceptable phrasing',
        tags,
        response: { 200: z.object({ rulesVersion: z.string(), items: z.array(RuleView) }), ...commonErrors },
      },
    },
    async () => ({ rulesVersion: lint('').rulesVersion, items: [...rules] }),
  )

  app.get(
    '/v1/lint/config',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getLintConfig',
        summary: "The team's lint settings (ETag v0 until first set)",
        tags,
        response: { 200: LintConfigBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      const current = await config.get(teamCaller(request).teamId)
      return withEtag(reply, current.version).send(current.config)
    },
  )

  app.put(
    '/v1/lint/config',
    {
      config: { auth: 'admin' },
      schema: {
        operationId: 'putLintConfig',
        summary: "Replace the team's lint settings",
        description:
          'Applies to reviews from their next write (and at publish), and to POST /v1/lint at once.',
        tags,
        headers: IfMatchHeaders,
        body: LintConfigBody,
        response: { 200: LintConfigBody, ...commonErrors, ...preconditionErrors },
      },
    },
    async (request, reply) => {
      const precondition = requireIfMatch(request)
      const saved = await config.put(teamCaller(request).teamId, precondition, request.body as LintConfig)
      return withEtag(reply, saved.version).send(saved.config)
    },
  )
}
