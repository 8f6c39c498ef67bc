import { readFileSync } from 'node:fs'

/** The raw bytes of a fixture under test/fixtures/ (real payloads: see test/fixtures/incoming/README.md). */
export const fixture = (path: string): Buffer =>
  readFileSync(new URL(`../../fixtures/${path}`, import.meta.url))

/**
 * An incident.io body written by us after incident.io's public webhook documentation (no real
 * capture is published); the Standard Webhooks signing it travels under is covered by real vectors.
 */
export const incidentIoBody = (type: string, overrides: Record<string, unknown> = {}) => ({
  event_type: type,
  [type]: {
    id: '01HT2C4VZ8J5EXAMPLE0000001',
    name: 'Payments API returning 502s',
    reference: 'INC-123',
    permalink: 'https://app.incident.io/example/incidents/123',
    severity: { id: '01SEV', name: 'Major', rank: 2 },
    incident_status: { category: 'active', name: 'Investigating' },
    summary: 'Customers cannot pay',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:05:00Z',
    incident_role_assignments: [
      {
        role: { name: 'Incident Lead', role_type: 'lead' },
        assignee: { name: 'Sam Rivera', email: 'sam@example.com' },
      },
    ],
    incident_timestamp_values: [
      { incident_timestamp: { name: 'Impact started' }, value: { value: '2026-11-20T09:52:00Z' } },
    ],
    ...overrides,
  },
})
