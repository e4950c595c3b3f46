import { Command } from 'commander'

/** A top-level command: its one-line description, and how to build it with all it needs. */
interface CommandEntry {
  readonly description: string
  readonly load: () => Promise<Command>
}

const group = (name: string, ...commands: Promise<Command>[]) =>
  Promise.all(commands).then((list) =>
    list.reduce((parent, command) => parent.addCommand(command), new Command(name)),
  )

// Each command's module (and so Fastify, Kysely, the simulator…) is imported only when that
// command runs: `landsea verify` loads the verifier and nothing of the node's data layer.
const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  start: {
    description: 'start a node: API, OpenAPI document, API docs and dashboard on one port',
    load: async () => (await import('./commands/start.js')).startCommand(),
  },
  'start-pair': {
    description:
      'start a Chongqing node and a Singapore node, each with its own database and keys, witnessing each other',
    load: async () => (await import('./commands/start-pair.js')).startPairCommand(),
  },
  demo: {
    description:
      'run the reference journey (Chongqing rail → Qinzhou → Singapore) on two local nodes and print each step',
    load: async () => (await import('./commands/demo.js')).demoCommand(),
  },
  privacy: {
    description:
      'personal data: the policy, the transfer report, subject access, erasure, the access log (docs/privacy.md)',
    load: () =>
      group(
        'privacy',
        import('./commands/privacy-policy.js').then((m) => m.privacyPolicyCommand()),
        import('./commands/privacy-report.js').then((m) => m.privacyReportCommand()),
        import('./commands/privacy-subject.js').then((m) => m.privacySubjectAccessCommand()),
        import('./commands/privacy-erase.js').then((m) => m.privacyEraseCommand()),
        import('./commands/privacy-erase.js').then((m) => m.privacyErasuresCommand()),
        import('./commands/privacy-erase.js').then((m) => m.privacyAccessLogCommand()),
      ),
  },
  org: {
    description: 'organisations',
    load: () =>
      group(
        'org',
        import('./commands/org-create.js').then((m) => m.orgCreateCommand()),
        import('./commands/org-list.js').then((m) => m.orgListCommand()),
        import('./commands/org-join.js').then((m) => m.orgJoinCommand()),
      ),
  },
  ebl: {
    description: 'bills of lading',
    load: () =>
      group(
        'ebl',
        import('./commands/ebl-issue.js').then((m) => m.eblIssueCommand()),
        import('./commands/ebl-show.js').then((m) => m.eblShowCommand()),
        import('./commands/ebl-history.js').then((m) => m.eblHistoryCommand()),
        import('./commands/ebl-act.js').then((m) => m.eblActCommand()),
        import('./commands/ebl-export.js').then((m) => m.eblExportCommand()),
      ),
  },
  platform: {
    description: 'DCSA PINT platforms: this node and its directory of other platforms',
    load: async () => (await import('./commands/platform.js')).platformCommand(),
  },
  pint: {
    description: 'DCSA PINT 3.0 transfers: outbox and inbox',
    load: async () => (await import('./commands/pint.js')).pintCommand(),
  },
  verify: {
    description:
      'verify an eBL bundle offline: checksum, signatures, chain, title rules, inclusion, checkpoint, witnesses',
    load: async () => (await import('./commands/verify.js')).verifyCommand(),
  },
  witness: {
    description: 'witnesses: cosign consistent checkpoints, refuse forks with evidence',
    load: async () => (await import('./commands/witness.js')).witnessCommand(),
  },
  events: {
    description: 'tracking events',
    load: () =>
      group(
        'events',
        import('./commands/events-import.js').then((m) => m.eventsImportCommand()),
        import('./commands/events-object.js').then((m) => m.eventsObjectCommand()),
      ),
  },
  simulate: {
    description:
      'simulate rail–sea shipments on the corridor (Chongqing–Qinzhou–Singapore and branches), seeded and reproducible',
    load: async () => (await import('./commands/simulate.js')).simulateCommand(),
  },
  eta: {
    description: 'estimated times of arrival',
    load: () =>
      group(
        'eta',
        import('./commands/eta-evaluate.js').then((m) => m.etaEvaluateCommand()),
      ),
  },
  emissions: {
    description: 'GLEC v3 / ISO 14083 emissions: verifiable claims and reports',
    load: async () => (await import('./commands/emissions.js')).emissionsCommand(),
  },
  vc: {
    description: 'verifiable credentials (W3C VC 2.0 as vc+jwt; Data Integrity; SD-JWT)',
    load: async () => (await import('./commands/vc.js')).vcCommand(),
  },
  trust: {
    description: 'trust lists per jurisdiction and recognition statements between them',
    load: async () => (await import('./commands/trust.js')).trustCommand(),
  },
  secrets: {
    description: "the node's secrets at rest: rotate the key-encryption key",
    load: async () => (await import('./commands/secrets.js')).secretsCommand(),
  },
}

/**
 * The `landsea` command. Areas register theirs in `COMMANDS`. Only the command named in `argv` (the
 * one `landsea <name> …` or `landsea help <name>` runs) is loaded in full; the others are listed by
 * name and description for `--help`. Without `argv`, every command is loaded.
 */
export async function createProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('landsea')
    .description(
      'Landsea: multimodal eBL, tamper-evident ledger and visibility for the Land-Sea Corridor',
    )
    .version('0.1.0')
    .showHelpAfterError()
  const wanted = argv?.[2] === 'help' ? argv[3] : argv?.[2]
  for (const [name, { description, load }] of Object.entries(COMMANDS)) {
    const command = argv === undefined || name === wanted ? await load() : new Command(name)
    program.addCommand(command.description(description))
  }
  return program
}
