import { readFileSync, writeFileSync } from 'node:fs'
import { generateSigningKeyPair, type SigningAlgorithm } from '@landsea/core/crypto'
import {
  createJwkKeyLookup,
  createLegalEntityCredential,
  createRoleCredential,
  didKeyFromJwk,
  TRADE_ROLES,
  type CredentialVerification,
  type IdentifierScheme,
  type KeyLookup,
  type TradeRole,
} from '@landsea/core/identity'
import type { LandseaNode } from '@landsea/node'
import { Command, InvalidArgumentError, Option } from 'commander'
import { CliError } from '../cli-error.js'
import { resolveOrganisation, withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** Finds a registrar hosted by the node by DID, slug (`cn-samr`) or jurisdiction (`CN`). */
async function resolveIssuer(node: LandseaNode, value: string): Promise<string> {
  const { issuers } = await node.identityService.settings()
  const match = issuers.find(
    (i) => i.did === value || i.did.endsWith(`:${value}`) || i.jurisdiction === value.toUpperCase(),
  )
  if (!match) {
    throw new CliError(
      'IDENTITY_ISSUER_NOT_FOUND',
      `no hosted registrar matches "${value}"; known: ${issuers.map((i) => `${i.jurisdiction} ${i.did}`).join(', ') || 'none (run landsea demo or start the node once)'}`,
    )
  }
  return match.did
}

function parseIdentifier(value: string): { scheme: IdentifierScheme; value: string } {
  const [scheme, id] = value.split(':')
  if (!scheme || !id || !['USCC', 'UEN', 'LEI'].includes(scheme.toUpperCase())) {
    throw new InvalidArgumentError('an identifier is USCC:…, UEN:… or LEI:…')
  }
  return { scheme: scheme.toUpperCase() as IdentifierScheme, value: id }
}

/** Reads a credential file: a vc+jwt (text), or JSON (a Data Integrity document or a JSON string). */
export function readCredentialFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8').trim()
  } catch (cause) {
    throw new CliError('FILE_UNREADABLE', `cannot read ${file}: ${(cause as Error).message}`)
  }
  if (text.startsWith('{') || text.startsWith('"')) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

/** Reads a `--key` file: a JWK or a JWK Set, as a key lookup. */
function readKeyFile(file: string): KeyLookup {
  let keys: unknown
  try {
    keys = JSON.parse(readFileSync(file, 'utf8'))
  } catch (cause) {
    throw new CliError(
      'FILE_UNREADABLE',
      `cannot read a JWK from ${file}: ${(cause as Error).message}`,
    )
  }
  try {
    return createJwkKeyLookup(keys)
  } catch (cause) {
    throw new CliError('FILE_UNREADABLE', `${file}: ${(cause as Error).message}`)
  }
}

/** The verdict lines of a verification, for people. */
export function formatVerification(result: CredentialVerification): string {
  const line = (name: string, verdict: { ok: boolean; code?: string; message: string }) => [
    name,
    verdict.ok ? 'ok' : 'FAIL',
    verdict.code ? `${verdict.code}: ${verdict.message}` : verdict.message,
  ]
  const rows = [
    line('signature', result.signature),
    line('issuer key', result.issuerKey),
    line('validity', result.validity),
    line('status', result.status),
    line('trust', result.trust),
  ]
  const lines = [
    result.issuer
      ? `${result.credentialType ?? 'credential'} issued by ${result.issuer}`
      : 'credential',
    table(rows),
  ]
  for (const step of result.trust.path) lines.push(`  path: ${step.text}`)
  for (const warning of result.warnings) lines.push(`  warning ${warning.code}: ${warning.message}`)
  lines.push(result.isValid ? 'VALID' : 'NOT VALID')
  return lines.join('\n')
}

function vcIssueCommand(): Command {
  return withNodeOptions(new Command('issue'))
    .description(
      'issue a legal-entity or role credential (vc+jwt) with a registrar hosted by this node',
    )
    .requiredOption(
      '--issuer <registrar>',
      'registrar DID, slug (cn-samr) or jurisdiction (CN, SG)',
    )
    .addOption(
      new Option('--type <type>', 'credential type')
        .choices(['legal-entity', 'role'])
        .default('legal-entity'),
    )
    .option(
      '--organisation <id|name>',
      'an organisation of this node: subject, names and identifiers from its record',
    )
    .option('--subject <did>', 'the subject DID (when not --organisation)')
    .option('--name <name>', 'legal name in English')
    .option('--name-zh <name>', 'legal name in Chinese')
    .option('--jurisdiction <cc>', 'ISO 3166 alpha-2 of the register')
    .option('--identifier <scheme:value>', 'USCC:…, UEN:… or LEI:…', parseIdentifier)
    .option('--lei <lei>', 'the LEI, when the identifier is USCC or UEN')
    .option('--street <address>', 'registered street address')
    .option('--locality <city>', 'registered locality')
    .option('--postal-code <code>', 'postal code')
    .addOption(new Option('--role <role>', 'for --type role').choices([...TRADE_ROLES]))
    .option('--valid-until <iso>', 'end of validity (ISO 8601)')
    .addOption(
      new Option(
        '--format <format>',
        'vc+jwt, or data-integrity (a proof per registrar key: SM2 + Ed25519 for dual-key registrars)',
      )
        .choices(['vc+jwt', 'data-integrity'])
        .default('vc+jwt'),
    )
    .option('--out <file>', 'write the vc+jwt to this file')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const issuerDid = await resolveIssuer(node, options.issuer)
        let organisationId: string | undefined
        let subject = options.subject as string | undefined
        let name = options.name as string | undefined
        let nameZh = options.nameZh as string | undefined
        let jurisdiction = options.jurisdiction as string | undefined
        let identifier = options.identifier as
          { scheme: IdentifierScheme; value: string } | undefined
        let lei = options.lei as string | undefined
        if (options.organisation) {
          organisationId = await resolveOrganisation(node, options.organisation)
          const org = (await node.organisations.getById(organisationId))!
          subject ??= org.did ?? node.identityService.organisationDid(org.id)
          name ??= org.name
          nameZh ??= org.nameZh ?? undefined
          jurisdiction ??= org.country
          const scheme = org.country === 'SG' ? 'UEN' : 'USCC'
          identifier ??= org.identifiers.find((i) => i.scheme === scheme) as typeof identifier
          lei ??= org.identifiers.find((i) => i.scheme === 'LEI')?.value
        }
        if (!subject || !jurisdiction)
          throw new CliError(
            'ARGUMENT_MISSING',
            'give --organisation, or --subject and --jurisdiction',
          )
        const validFrom = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
        const window = {
          validFrom,
          ...(options.validUntil ? { validUntil: options.validUntil } : {}),
        }
        const stored = await node.identityService.issueCredential({
          issuerDid,
          ...(organisationId ? { organisationId } : {}),
          format: options.format,
          credential: (issuer, status) => {
            if (options.type === 'role') {
              if (!options.role) throw new CliError('ARGUMENT_MISSING', '--type role needs --role')
              return createRoleCredential({
                issuer,
                subject: { id: subject, role: options.role as TradeRole, jurisdiction },
                ...window,
                credentialStatus: [status],
              })
            }
            if (!name || !identifier)
              throw new CliError(
                'ARGUMENT_MISSING',
                'a legal-entity credential needs --name and --identifier',
              )
            return createLegalEntityCredential({
              issuer,
              subject: {
                id: subject,
                legalName: { en: name, ...(nameZh ? { zh: nameZh } : {}) },
                jurisdiction,
                identifier,
                ...(lei ? { lei } : {}),
                registeredAddress: {
                  streetAddress: options.street ?? 'not stated',
                  locality: options.locality ?? 'not stated',
                  ...(options.postalCode ? { postalCode: options.postalCode } : {}),
                  countryCode: jurisdiction,
                },
              },
              ...window,
              credentialStatus: [status],
            })
          },
        })
        if (options.out) {
          const text =
            stored.format === 'data-integrity'
              ? JSON.stringify(JSON.parse(stored.credential), null, 2)
              : stored.credential
          writeFileSync(options.out, `${text}\n`)
        }
        print(options.json, stored, () =>
          options.out
            ? `Issued ${stored.type} ${stored.id} to ${stored.subject}; written to ${options.out}`
            : stored.credential,
        )
      })
    })
}

function vcVerifyCommand(): Command {
  return withNodeOptions(new Command('verify'))
    .description(
      'verify a credential: separate verdicts for signature, validity, status and trust path; exits 1 unless all pass',
    )
    .argument('<file>', 'vc+jwt or SD-JWT VC presentation (text), or Data Integrity JSON')
    .option(
      '--type <type>',
      'a credential type the credential must have, e.g. LegalEntityCredential',
    )
    .option('--audience <aud>', 'SD-JWT: the key-binding JWT must be for this audience')
    .option('--nonce <nonce>', 'SD-JWT: the key-binding JWT must carry this nonce')
    .option(
      '--cryptosuite <suite>',
      'Data Integrity: check only these suites (repeatable), e.g. eddsa-jcs-2022 as a verifier without SM2',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--key <file>',
      "verify with this JWK or JWK Set (the issuer's keys, held by you) instead of resolving the kid as a DID URL",
    )
    .option('--json', 'print JSON')
    .action(async (file: string, options) => {
      const input = readCredentialFile(file)
      const heldKeys = options.key ? readKeyFile(options.key as string) : undefined
      if (Boolean(options.audience) !== Boolean(options.nonce)) {
        throw new CliError('ARGUMENT_MISSING', '--audience and --nonce go together')
      }
      await withNode(options, async (node) => {
        const result = await node.identityService.verify(input, {
          ...(options.type ? { expectedType: options.type } : {}),
          ...(options.audience
            ? { keyBinding: { audience: options.audience, nonce: options.nonce } }
            : {}),
          ...(options.cryptosuite ? { cryptosuites: options.cryptosuite } : {}),
          ...(heldKeys ? { lookupKey: heldKeys } : {}),
        })
        print(options.json, result, () => formatVerification(result))
        if (!result.isValid) process.exitCode = 1
      })
    })
}

function vcKeygenCommand(): Command {
  return new Command('keygen')
    .description('generate a holder key (private JWK file) and print its did:key')
    .addOption(
      new Option('--alg <alg>', 'signature suite')
        .choices(['EdDSA', 'ES256', 'SM2SM3'])
        .default('EdDSA'),
    )
    .requiredOption('--out <file>', 'where to write the private JWK (keep it secret)')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const key = await generateSigningKeyPair({ alg: options.alg as SigningAlgorithm })
      writeFileSync(options.out, `${JSON.stringify(key.privateJwk, null, 2)}\n`, { mode: 0o600 })
      const did = didKeyFromJwk(key.publicJwk)
      print(
        options.json,
        { did, kid: key.kid, alg: key.alg, publicJwk: key.publicJwk },
        () => `${did}\n(private key written to ${options.out})`,
      )
    })
}

/** `landsea vc issue|verify|keygen`: verifiable credentials. */
export function vcCommand(): Command {
  return new Command('vc')
    .addCommand(vcIssueCommand())
    .addCommand(vcVerifyCommand())
    .addCommand(vcKeygenCommand())
}
