import type { TitleRegistry } from '@landsea/core/ebl'
import type { Organisation } from '@landsea/core/organisation'

/** Roles that see every shipment on the node: they report or clear cargo for everyone. */
export const TRACKING_WIDE_ROLES = ['NODE_OPERATOR', 'CARRIER', 'CUSTOMS_BROKER'] as const

/** Which shipments an organisation may see. */
export interface ShipmentAccess {
  /** True for {@link TRACKING_WIDE_ROLES}: every shipment. */
  readonly isWide: boolean
  /** The transport document references of the bills it is party to (when not wide). */
  readonly keys: ReadonlySet<string>
  canRead(shipmentKey: string | undefined): boolean
}

/**
 * The shipments an organisation may see: all of them for operators, carriers and customs
 * brokers; otherwise those whose bill it is party to (issuer, possessor, holder, shipper or
 * consignee), since a shipment is filed under its bill's reference.
 */
export async function shipmentAccessOf(
  org: Organisation,
  registry: TitleRegistry,
): Promise<ShipmentAccess> {
  const isWide = TRACKING_WIDE_ROLES.some((r) => org.roles.includes(r))
  const keys = isWide
    ? new Set<string>()
    : new Set((await registry.list({ party: org.id, limit: 10_000 })).map((b) => b.reference))
  return {
    isWide,
    keys,
    canRead: (key) => isWide || (key !== undefined && keys.has(key)),
  }
}
