import {
  canReadBill,
  EblError,
  type BillReader,
  type EblRecord,
  type TitleRegistry,
} from '@landsea/core/ebl'

/**
 * The bill `id` if `reader` may read it (core's {@link canReadBill}). A bill the reader may not
 * read is answered exactly as one that does not exist, `EBL_NOT_FOUND` with the registry's own
 * message, so that the answer does not tell whether it exists. The chain is read only when the
 * bill alone does not decide.
 */
export async function readableBill(
  registry: TitleRegistry,
  reader: BillReader,
  id: string,
): Promise<EblRecord> {
  const record = await registry.get(id)
  if (canReadBill(reader, record, [])) return record
  if (canReadBill(reader, record, await registry.history(id))) return record
  throw new EblError('EBL_NOT_FOUND', `no bill ${id}`)
}
