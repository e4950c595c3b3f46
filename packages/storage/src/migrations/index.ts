import * as titleRegistry from './0001-title-registry.js'
import * as ledger from './0002-ledger.js'
import * as tracking from './0003-tracking.js'
import * as identity from './0004-identity.js'
import * as ledgerFrontier from './0005-ledger-frontier.js'
import * as pint from './0006-pint.js'
import * as epcisObjects from './0007-epcis-objects.js'
import * as jobLeases from './0008-job-leases.js'
import * as privacy from './0009-privacy.js'
import * as privacyTransfers from './0010-privacy-transfers.js'
import * as eblChecksumIndex from './0011-ebl-checksum-index.js'
import * as deliveryPrivacyDecision from './0012-delivery-privacy-decision.js'
import * as privacyTransfersLean from './0013-privacy-transfers-lean.js'
import * as signedStatusLists from './0014-signed-status-lists.js'
import * as privacyVaultPlainChecksumIndex from './0015-privacy-vault-plain-checksum-index.js'

/** Every migration, by name; names sort in the order they run. Add one line per new migration. */
export const migrations = {
  '0001-title-registry': titleRegistry,
  '0002-ledger': ledger,
  '0003-tracking': tracking,
  '0004-identity': identity,
  '0005-ledger-frontier': ledgerFrontier,
  '0006-pint': pint,
  '0007-epcis-objects': epcisObjects,
  '0008-job-leases': jobLeases,
  '0009-privacy': privacy,
  '0010-privacy-transfers': privacyTransfers,
  '0011-ebl-checksum-index': eblChecksumIndex,
  '0012-delivery-privacy-decision': deliveryPrivacyDecision,
  '0013-privacy-transfers-lean': privacyTransfersLean,
  '0014-signed-status-lists': signedStatusLists,
  '0015-privacy-vault-plain-checksum-index': privacyVaultPlainChecksumIndex,
}
