import type { Db, Tx } from '../db/client.ts'
import { NotFoundError } from './errors.ts'
import { checkVersion, type Precondition } from './preconditions.ts'

/**
 * The one way a resource with an ETag is changed: in a single transaction, lock the row
 * (`SELECT … FOR UPDATE`), answer 404 if it is gone, 412 unless If-Match names its current version,
 * then write. Concurrent writers queue on the lock and each sees the version the previous one left,
 * so of N writers holding the same ETag exactly one wins and the others get 412 — or 404 once a
 * DELETE won; none sees a row vanish between its check and its write.
 */
export function writeVersioned<Row extends { version: number }, Result>(
  db: Db,
  options: {
    /** Shown in the 404: "<what> does not exist". */
    what: string
    /** Undefined: no If-Match for this write (still serialised with the others). */
    precondition: Precondition | undefined
    /** Reads and locks the row (`.for('update')`, or an advisory lock for a row that may not exist yet). */
    lock: (tx: Tx) => Promise<Row | undefined>
  },
  write: (tx: Tx, row: Row) => Promise<Result>,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const row = await options.lock(tx)
    if (!row) throw new NotFoundError(options.what)
    checkVersion(options.precondition, row.version)
    return write(tx, row)
  })
}
