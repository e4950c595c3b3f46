import { canReadBill, type BillReader, type EblRecord, type TitleRegistry } from '@landsea/core/ebl'

/**
 * The bill `id` if `reader` may read it (core's {@link canReadBill}), else undefined; a bill that
 * does not exist is `EBL_NOT_FOUND`. The chain is read only when the bill alone does not decide.
 */
export async function findReadableBill(
  registry: TitleRegistry,
  reader: BillReader,
  id: string,
): Promise<EblRecord | undefined> {
  const record = await registry.get(id)
  if (canReadBill(reader, record, [])) return record
  return canReadBill(reader, record, await registry.history(id)) ? record : undefined
}
