import { ORGANISATION_ROLES, type OrganisationRole } from '@landsea/core/organisation'
import { registerOrganisation } from '@landsea/node'
import { Command, InvalidArgumentError, Option } from 'commander'
import { withNode, withNodeOptions } from '../node-options.js'
import { print } from '../output.js'

function collectRole(value: string, previous: OrganisationRole[] = []): OrganisationRole[] {
  const role = value.toUpperCase()
  if (!(ORGANISATION_ROLES as readonly string[]).includes(role)) {
    throw new InvalidArgumentError(`roles are ${ORGANISATION_ROLES.join(', ')}`)
  }
  return [...previous, role as OrganisationRole]
}

function collectIdentifier(value: string, previous: { scheme: string; value: string }[] = []) {
  const [scheme, id] = value.split(':')
  if (!scheme || !id)
    throw new InvalidArgumentError('an identifier is SCHEME:VALUE, e.g. USCC:91350100M000100Y43')
  return [...previous, { scheme: scheme.toUpperCase(), value: id }]
}

/** `landsea org create`: register an organisation and print its API key. */
export function orgCreateCommand(): Command {
  return withNodeOptions(new Command('create'))
    .description('register an organisation with a custodial signing key; prints its API key once')
    .requiredOption('--name <name>', 'legal name in English')
    .option('--name-zh <name>', 'legal name in Chinese')
    .requiredOption('--country <cc>', 'ISO 3166 alpha-2 country code')
    .requiredOption(
      '--role <role>',
      `role, repeatable: ${ORGANISATION_ROLES.join(', ')}`,
      collectRole,
    )
    .option(
      '--identifier <scheme:value>',
      'registered identifier, repeatable (USCC, UEN, LEI)',
      collectIdentifier,
    )
    .addOption(
      new Option('--alg <alg>', 'signing key algorithm')
        .choices(['EdDSA', 'ES256', 'SM2SM3'])
        .default('EdDSA'),
    )
    .option('--json', 'print JSON')
    .action(async (options) => {
      if (!/^[A-Z]{2}$/.test(options.country))
        throw new InvalidArgumentError('--country is two capital letters')
      await withNode(options, async (node) => {
        const { organisation, apiKey } = await registerOrganisation(node.organisations, {
          name: options.name,
          nameZh: options.nameZh ?? null,
          country: options.country,
          roles: options.role,
          identifiers: options.identifier ?? [],
          keyAlg: options.alg,
        })
        print(options.json, { organisation, apiKey }, () =>
          [
            `Registered ${organisation.name} (${organisation.id})`,
            `API key (shown once): ${apiKey}`,
          ].join('\n'),
        )
      })
    })
}
