import type { MapperRegistry } from '../mapping.ts'
import { alertmanager } from './alertmanager.ts'
import { generic } from './generic.ts'
import { incidentIo } from './incident-io.ts'
import { opsgenie } from './opsgenie.ts'
import { pagerduty } from './pagerduty.ts'

export const MAPPERS: MapperRegistry = {
  pagerduty,
  opsgenie,
  'incident-io': incidentIo,
  alertmanager,
  generic,
}
