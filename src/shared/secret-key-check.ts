import { existsSync } from 'node:fs'
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { instanceSettings, integrations, webhookEndpoints } from '../db/schema/index.ts'
import {
  DecryptionError,
  decryptJson,
  encryptJson,
  keyFilePath,
  loadSecretKey,
  SecretKeyError,
} from './secrets.ts'

/**
 * A known value encrypted with the instance's key and kept in the database. A start with another
 * key (DEBRIEF_SECRET_KEY changed, or the data directory with the generated key lost in a recreated
 * container) would make every stored credential undecryptable; it is refused with a message instead.
 */
const CHECK_SETTING = 'secret_key_check'
const CHECK_PLAINTEXT = 'debrief secret key check v1'

const mismatch = (where: string) =>
  new SecretKeyError(
    `The secret key (${where}) is not the one that encrypted the credentials stored in this database. ` +
      'Start with the original DEBRIEF_SECRET_KEY (or restore the original key file); Debrief will not ' +
      'replace the key over existing data, because every stored integration token and webhook secret would be lost.',
  )

/** The decrypted value, or undefined when the key does not open it. */
const opened = (key: Buffer, encrypted: string): unknown => {
  try {
    return decryptJson(key, encrypted)
  } catch (error) {
    if (error instanceof DecryptionError) return undefined
    throw error
  }
}

/** Loads the secret key and proves it is the one the stored credentials were encrypted with. */
export async function openSecretKey(options: {
  secretKey: string | undefined
  dataDir: string
  db: Db
}): Promise<Buffer> {
  const { db } = options
  const readCheck = async () =>
    (await db.select().from(instanceSettings).where(eq(instanceSettings.key, CHECK_SETTING)))[0]?.value
  let check = await readCheck()
  const where = options.secretKey ? 'DEBRIEF_SECRET_KEY' : keyFilePath(options.dataDir)
  if (check && !options.secretKey && !existsSync(keyFilePath(options.dataDir))) {
    throw new SecretKeyError(
      `DEBRIEF_SECRET_KEY is unset and ${where} does not exist, but this database holds credentials ` +
        'encrypted with a key. Set DEBRIEF_SECRET_KEY to that key (or restore the key file); Debrief will not ' +
        'generate a new key over existing data.',
    )
  }
  const key = loadSecretKey(options)
  if (!check) {
    // Data from before the check existed: prove the key on one stored credential before vouching for it.
    const [integration] = await db
      .select({ v: integrations.credentialsEncrypted })
      .from(integrations)
      .limit(1)
    const [endpoint] = await db
      .select({ v: webhookEndpoints.secretEncrypted })
      .from(webhookEndpoints)
      .limit(1)
    const sample = integration?.v ?? endpoint?.v
    if (sample && opened(key, sample) === undefined) throw mismatch(where)
    await db
      .insert(instanceSettings)
      .values({ key: CHECK_SETTING, value: encryptJson(key, CHECK_PLAINTEXT) })
      .onConflictDoNothing()
    check = await readCheck() // another instance may have stored its own first
  }
  if (!check || opened(key, check) !== CHECK_PLAINTEXT) throw mismatch(where)
  return key
}
