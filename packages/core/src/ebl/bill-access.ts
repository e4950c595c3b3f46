import type { Organisation } from '../organisation/organisation.js'
import type { AcceptedEntry, EblFilter, EblRecord } from './ports.js'

/** Who asks for a bill: an organisation, by id and roles. */
export type BillReader = Pick<Organisation, 'id' | 'roles'>

const isNodeOperator = (reader: BillReader) => reader.roles.includes('NODE_OPERATOR')

/**
 * Whether an organisation may read a bill: the node operator, a party its title state names
 * (issuer, possessor, holder, shipper, named consignee, pledgee), or anyone who acted or received
 * in its chain. Nobody else may even learn that it exists. The chain only adds readers, so
 * `history` may be empty when the bill alone already decides.
 *
 * @example
 * canReadBill(org, record, []) || canReadBill(org, record, await registry.history(record.id))
 */
export function canReadBill(
  reader: BillReader,
  record: Pick<EblRecord, 'state'>,
  history: readonly Pick<AcceptedEntry, 'payload'>[],
): boolean {
  if (isNodeOperator(reader)) return true
  const s = record.state
  const parties = [s.issuer, s.possessor, s.holder, s.shipper, s.namedConsignee, s.pledgedBy]
  if (parties.includes(reader.id)) return true
  return history.some((e) => e.payload.actor === reader.id || e.payload.recipient === reader.id)
}

/**
 * The filter to list bills with as `reader`: the node operator lists every bill (or one party's),
 * everyone else only the bills it is party to, whatever party it asked for.
 */
export function billListFilterFor(reader: BillReader, filter: EblFilter): EblFilter {
  const { party, ...rest } = filter
  if (!isNodeOperator(reader)) return { ...rest, party: reader.id }
  return party !== undefined ? { ...rest, party } : rest
}
