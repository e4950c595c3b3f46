import { readFileSync } from 'node:fs'
import { parsePrivacyPolicyFile } from '@landsea/core/privacy'
import { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { withNode, withNodeOptions } from '../node-options.js'
import { print, table } from '../output.js'

/** `landsea privacy policy show|set`: the node's cross-border privacy policy (docs/privacy.md). */
export function privacyPolicyCommand(): Command {
  const show = withNodeOptions(new Command('show'))
    .description('print the policy: jurisdiction, thresholds, recipients, purposes, bases')
    .option('--json', 'print JSON')
    .action(async (options) => {
      await withNode(options, async (node) => {
        const policy = await node.privacy.policy()
        print(options.json, policy, () =>
          [
            `jurisdiction ${policy.jurisdiction}  revision ${policy.revision}  CIIO ${policy.ciio}`,
            `thresholds: exempt < ${policy.thresholds.nonSensitiveExempt}, assessment ≥ ${policy.thresholds.nonSensitiveAssessment} (sensitive ≥ ${policy.thresholds.sensitiveAssessment}), warn at ${policy.thresholds.warnAt * 100}%`,
            '',
            table([
              ['BASIS', 'KIND', 'EXPORTER', 'RECIPIENT', 'COUNTRY', 'PURPOSES', 'REFERENCE'],
              ...policy.bases.map((b) => [
                b.id,
                b.kind,
                b.exporter,
                b.recipient,
                b.recipientCountry,
                b.purposes.join(','),
                b.reference,
              ]),
            ]),
          ].join('\n'),
        )
      })
    })
  const set = withNodeOptions(new Command('set'))
    .description(
      'replace the policy with a JSON or YAML file; a bad field is refused with its line',
    )
    .argument('<file>', 'policy file')
    .option('--json', 'print the stored policy as JSON')
    .action(async (file: string, options) => {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch {
        throw new CliError('CLI_FILE_UNREADABLE', `cannot read ${file}`)
      }
      const policy = parsePrivacyPolicyFile(text)
      await withNode(options, async (node) => {
        const stored = await node.privacy.setPolicy(policy)
        print(options.json, stored, () => `policy ${stored.revision} (${stored.jurisdiction}) set`)
      })
    })
  return new Command('policy')
    .description('the cross-border privacy policy')
    .addCommand(show)
    .addCommand(set)
}
