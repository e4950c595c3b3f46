import {
  DEFAULT_TONNES_PER_TEU,
  HUB_FACTORS,
  TRANSPORT_FACTORS,
  type EmissionFactor,
  type HubFactorId,
  type TransportFactorId,
} from './emission-factors.js'

/**
 * A versioned, sourced table of emission intensities. A published version is never edited: a new
 * source or a corrected figure is a new version, so a claim that names its version recomputes the
 * same figure forever (docs/emissions.md).
 */
export interface FactorTable {
  /** Stable identifier, stated in every result and claim, e.g. `glec-v3.0-2024`. */
  readonly version: string
  readonly title: string
  /** The primary source the table quotes. */
  readonly source: string
  readonly transport: Readonly<Record<TransportFactorId, EmissionFactor>>
  readonly hubs: Readonly<Record<HubFactorId, EmissionFactor>>
  /** Cargo mass assumed per TEU when only TEU are known. */
  readonly tonnesPerTeu: number
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/** GLEC Framework v3.0 (Smart Freight Centre, updated 2 Apr 2024), WTW, as quoted in reference/visibility.md §5. */
export const GLEC_V3_2024: FactorTable = deepFreeze({
  version: 'glec-v3.0-2024',
  title: 'GLEC Framework v3.0 default intensities (WTW), with China grid-derived electric rail',
  source:
    'Smart Freight Centre, GLEC Framework v3.0, updated 2024-04-02, Part 3 pp.75-124; MEE/NBS 2022 China grid factors',
  transport: structuredClone(TRANSPORT_FACTORS),
  hubs: structuredClone(HUB_FACTORS),
  tonnesPerTeu: DEFAULT_TONNES_PER_TEU,
})

/** Every factor table this software can recompute with, by version. Append only. */
export const FACTOR_TABLES: Readonly<Record<string, FactorTable>> = Object.freeze({
  [GLEC_V3_2024.version]: GLEC_V3_2024,
})

/** The version new computations and claims use. */
export const CURRENT_FACTOR_TABLE_VERSION = GLEC_V3_2024.version

/** The table of a version, or undefined when this software does not know it. */
export function factorTable(
  version: string,
  tables: Readonly<Record<string, FactorTable>> = FACTOR_TABLES,
): FactorTable | undefined {
  return Object.hasOwn(tables, version) ? tables[version] : undefined
}
