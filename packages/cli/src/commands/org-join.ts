import { readFileSync } from 'node:fs'
import {
  algorithmOfJwk,
  didKeyFromJwk,
  issueVpJwt,
  multikeyFromJwk,
  publicJwkOf,
} from '@landsea/core/identity'
import { ORGANISATION_ROLES, type OrganisationRole } from '@landsea/core/organisation'
import { Command, InvalidArgumentError } from 'commander'
import type { JWK } from 'jose'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print } from '../output.js'
import { readCredentialFile } from './vc.js'

function collectRole(value: string, previous: OrganisationRole[] = []): OrganisationRole[] {
  const role = value.toUpperCase()
  if (!(ORGANISATION_ROLES as readonly string[]).includes(role))
    throw new InvalidArgumentError(`roles are ${ORGANISATION_ROLES.join(', ')}`)
  return [...previous, role as OrganisationRole]
}

/**
 * `landsea org join`: an organisation joins the node by presenting its legal-entity credential in
 * a presentation (vp+jwt) signed with its holder key, for this node's one-time nonce.
 */
export function orgJoinCommand(): Command {
  return withNodeOptions(new Command('join'))
    .description(
      'join this node by presenting a legal-entity credential (vp+jwt, signed with the holder key); prints the API key once',
    )
    .requiredOption(
      '--credential <file>',
      'the legal-entity credential (vc+jwt) issued to the holder DID',
    )
    .requiredOption('--key <file>', 'the holder’s private JWK (see landsea vc keygen)')
    .requiredOption(
      '--role <role>',
      `role, repeatable: ${ORGANISATION_ROLES.join(', ')}`,
      collectRole,
    )
    .option('--holder <did>', 'the holder DID (default: the did:key of --key)')
    .option('--custodial', 'let the node generate the signing key instead of using the holder key')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const credential = readCredentialFile(options.credential)
      if (typeof credential !== 'string')
        throw new CliError('IDENTITY_MALFORMED', 'the credential file must hold a vc+jwt')
      let privateJwk: JWK
      try {
        privateJwk = JSON.parse(readFileSync(options.key, 'utf8')) as JWK
      } catch (cause) {
        throw new CliError(
          'FILE_UNREADABLE',
          `cannot read the key ${options.key}: ${(cause as Error).message}`,
        )
      }
      const alg = algorithmOfJwk(privateJwk)
      if (!alg || typeof privateJwk.d !== 'string')
        throw new CliError(
          'IDENTITY_MALFORMED',
          'the key must be a private Ed25519, P-256 or SM2 JWK',
        )
      const publicJwk = publicJwkOf(privateJwk)
      const holder = (options.holder as string | undefined) ?? didKeyFromJwk(publicJwk)
      const kid = holder.startsWith('did:key:')
        ? `${holder}#${multikeyFromJwk(publicJwk)}`
        : `${holder}#${privateJwk.kid ?? 'key-1'}`
      await withNode(options, async (node) => {
        const challenge = await node.identityService.createChallenge()
        const presentation = await issueVpJwt({
          holder,
          credentials: [credential],
          audience: challenge.audience,
          nonce: challenge.nonce,
          privateJwk,
          alg,
          kid,
        })
        const joined = await node.identityService.joinOrganisation({
          presentation,
          nonce: challenge.nonce,
          roles: options.role,
          ...(options.custodial ? {} : { signingKey: publicJwk }),
        })
        print(options.json, joined, () =>
          [
            `Joined: ${joined.organisation.name} (${joined.organisation.id}), ${joined.organisation.did}`,
            ...(joined.verification.trustPath ?? []).map((step) => `  verified: ${step}`),
            `API key (shown once): ${joined.apiKey}`,
          ].join('\n'),
        )
      })
    })
}
