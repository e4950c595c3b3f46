// What the node's PINT routes say about transfers to other platforms (docs/pint.md).

/** A transfer out to another platform, as `GET /api/pint/outbox` and `/api/ebl/{id}/pint-transfers` give it. */
export interface PintTransfer {
  readonly id: string
  readonly documentId: string
  readonly platform: string
  readonly actor: string
  readonly action: string
  readonly status: 'SENDING' | 'TRANSFERRED' | 'REJECTED'
  readonly attempts: number
  /** The receiver's signed PINT response code: RECE, DUPE, BSIG, BENV, INCD, MDOC or DISE. */
  readonly responseCode: string | null
  readonly lastError: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

/** This node as a PINT platform. */
export interface PintPlatform {
  readonly code: string
  readonly name: string
}
