import { Command } from 'commander'
import { demoCommand } from './commands/demo.js'
import { eblActCommand } from './commands/ebl-act.js'
import { eblExportCommand } from './commands/ebl-export.js'
import { eblHistoryCommand } from './commands/ebl-history.js'
import { eblIssueCommand } from './commands/ebl-issue.js'
import { eblShowCommand } from './commands/ebl-show.js'
import { etaEvaluateCommand } from './commands/eta-evaluate.js'
import { eventsImportCommand } from './commands/events-import.js'
import { orgCreateCommand } from './commands/org-create.js'
import { orgListCommand } from './commands/org-list.js'
import { orgJoinCommand } from './commands/org-join.js'
import { trustCommand } from './commands/trust.js'
import { vcCommand } from './commands/vc.js'
import { simulateCommand } from './commands/simulate.js'
import { startCommand } from './commands/start.js'
import { startPairCommand } from './commands/start-pair.js'
import { verifyCommand } from './commands/verify.js'
import { witnessCommand } from './commands/witness.js'

/** The `landsea` command with every subcommand. Areas register theirs here. */
export function createProgram(): Command {
  const program = new Command('landsea')
    .description(
      'Landsea: multimodal eBL, tamper-evident ledger and visibility for the Land-Sea Corridor',
    )
    .version('0.1.0')
    .showHelpAfterError()
  program.addCommand(startCommand())
  program.addCommand(startPairCommand())
  program.addCommand(demoCommand())
  program.addCommand(
    new Command('org')
      .description('organisations')
      .addCommand(orgCreateCommand())
      .addCommand(orgListCommand())
      .addCommand(orgJoinCommand()),
  )
  program.addCommand(
    new Command('ebl')
      .description('bills of lading')
      .addCommand(eblIssueCommand())
      .addCommand(eblShowCommand())
      .addCommand(eblHistoryCommand())
      .addCommand(eblActCommand())
      .addCommand(eblExportCommand()),
  )
  program.addCommand(verifyCommand())
  program.addCommand(witnessCommand())
  program.addCommand(
    new Command('events').description('tracking events').addCommand(eventsImportCommand()),
  )
  program.addCommand(simulateCommand())
  program.addCommand(
    new Command('eta').description('estimated times of arrival').addCommand(etaEvaluateCommand()),
  )
  program.addCommand(vcCommand())
  program.addCommand(trustCommand())
  return program
}
