// Every `aims` sub-command, in the order --help lists them. A command's module is imported only when
// that command runs, so `aims --help` and any one command load nothing they do not use (the compiled
// CLI splits each into its own chunk). A test checks that each row's name and summary match its module.
import type { Command } from '../command';

/** One row of `aims --help`; `load` imports the command's module on demand. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'init',
    summary: 'Create an empty AIMS workspace (a folder of JSON records, safe to commit to git)',
    load: async () => (await import('./init')).initCommand,
  },
  {
    name: 'demo',
    summary:
      'Build the embedded example organisation in a workspace and summarise its AIMS (no tokens, no network)',
    load: async () => (await import('./demo')).demoCommand,
  },
  {
    name: 'verify',
    summary:
      'Check the event log hash chain and every record against it; optionally an anchor and signatures',
    load: async () => (await import('./verify')).verifyCommand,
  },
  {
    name: 'keygen',
    summary: 'Create an Ed25519 key pair for signing checkpoints of the event log',
    load: async () => (await import('./signing')).keygenCommand,
  },
  {
    name: 'checkpoint',
    summary: "Sign the event log's current head with your Ed25519 key (kept outside the workspace)",
    load: async () => (await import('./signing')).checkpointCommand,
  },
  {
    name: 'record',
    summary: 'Record one JSON or YAML file as a register record, through the process rules for its kind',
    load: async () => (await import('./record')).recordCommand,
  },
  {
    name: 'status',
    summary:
      'Each AI system with its owners, risk level, risk and impact assessment states and open triggers',
    load: async () => (await import('./status')).statusCommand,
  },
  {
    name: 'scan',
    summary:
      'Discover AI systems (providers, SDKs, models) in source code; optionally merge them into the inventory',
    load: async () => (await import('./scan')).scanCommand,
  },
  {
    name: 'diff',
    summary:
      'Compare the AI systems at two commits and list the changes that oblige a reassessment (8.2, 8.4)',
    load: async () => (await import('./diff')).diffCommand,
  },
  {
    name: 'github',
    summary:
      "Inventory an organisation's repositories and check pull requests over the GitHub API (no clone)",
    load: async () => (await import('./github')).githubCommand,
  },
  {
    name: 'jira',
    summary:
      'Jira: discover AI systems from tickets, link epics to assessments, sync triggers and remediation',
    load: async () => (await import('./jira')).jiraCommand,
  },
  {
    name: 'reconcile',
    summary:
      'One inventory from code scans, Jira and the register: unregistered, undiscovered and conflicting systems',
    load: async () => (await import('./reconcile')).reconcileCommand,
  },
  {
    name: 'readiness',
    summary:
      'Certification readiness: Stage 1 and Stage 2 gaps with next actions, and the four-phase roadmap',
    load: async () => (await import('./readiness')).readinessCommand,
  },
  {
    name: 'soa',
    summary:
      'Statement of Applicability for all 38 Annex A controls, linked to risks, treatments and evidence',
    load: async () => (await import('./soa')).soaCommand,
  },
  {
    name: 'calendar',
    summary:
      'Operating calendar: audits, reviews, reassessments, corrective actions, document and clause cadences, certification milestones',
    load: async () => (await import('./calendar')).calendarCommand,
  },
  {
    name: 'pack',
    summary: "Write the auditor's evidence pack: a self-contained static site with a SHA-256 manifest",
    load: async () => (await import('./pack')).packCommand,
  },
  {
    name: 'verify-pack',
    summary: 'Check an evidence pack against its manifest: every file unchanged, none missing, none added',
    load: async () => (await import('./verify-pack')).verifyPackCommand,
  },
  {
    name: 'sharepoint',
    summary: 'Sync the inventory with a SharePoint list; pin SharePoint documents as evidence',
    load: async () => (await import('./sharepoint')).sharePointCommand,
  },
];
