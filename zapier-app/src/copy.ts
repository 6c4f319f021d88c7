import { optionLabel } from '@senseon/client';

/**
 * What the Zapier editor shows for each step, in Zapier's published style: a create is described
 * "Creates…/Updates…/Adds…", a search "Finds…" and labelled "Find…", a trigger "Triggers
 * when…"; one concise sentence, a singular noun, and never the app's name (Zapier shows it
 * beside every step). The catalog's own words stay as they are for n8n, whose style differs
 * (imperative, no final period there); only Zapier reads this table.
 */
export interface ZapierCopy {
  label: string;
  noun: string;
  description: string;
}

export const ZAPIER_COPY: Record<string, ZapierCopy> = {
  // Triggers (the 3 published ones).
  new_case: {
    label: 'New Case',
    noun: 'Case',
    description: 'Triggers when a new case is opened, optionally only at a minimum severity.',
  },
  updated_case: {
    label: 'Updated Case',
    noun: 'Case Update',
    description:
      'Triggers when a case’s status, severity, assignee or tags change, or it gets a comment, as you choose.',
  },
  action_update: {
    label: 'Response Action Update',
    noun: 'Response Action',
    description:
      'Triggers when a response action awaits approval, is decided, finishes or expires (by default, on each new approval request).',
  },
  // Creates.
  update_case: {
    label: 'Update Case',
    noun: 'Case',
    description: 'Updates the status, severity, assignee or tags of a case.',
  },
  add_case_comment: {
    label: 'Add Case Comment',
    noun: 'Comment',
    description: 'Adds a comment to a case, such as a ticket link or an analyst note.',
  },
  generate_case_summary: {
    label: 'Generate AI Case Summary',
    noun: 'AI Case Summary',
    description: 'Creates an AI summary of a case with an assessed severity and next steps.',
  },
  request_action: {
    label: 'Request Response Action',
    noun: 'Response Action',
    description:
      'Creates a response action request on a case; containment waits for a human approval.',
  },
  approve_action: {
    label: 'Approve Response Action',
    noun: 'Approval',
    description: 'Approves a pending response action so it runs, recorded in the DecisionTrace.',
  },
  reject_action: {
    label: 'Reject Response Action',
    noun: 'Rejection',
    description:
      'Rejects a pending response action so it never runs, recorded in the DecisionTrace.',
  },
  isolate_device: {
    label: 'Isolate Device',
    noun: 'Device Isolation',
    description:
      'Creates a request to cut a device off the network, which runs only after a human approves it.',
  },
  add_ioc: {
    label: 'Add IOC',
    noun: 'IOC',
    description:
      'Adds an indicator of compromise (file hash, IP address, domain or URL) to the blocklist.',
  },
  create_observation: {
    label: 'Create Observation',
    noun: 'Observation',
    description: 'Creates an observation (a finding from another tool), optionally on a case.',
  },
  // Searches.
  find_case: {
    label: 'Find Case',
    noun: 'Case',
    description: 'Finds a case by its ID, or the newest case matching a status, severity or text.',
  },
  find_device: {
    label: 'Find Device',
    noun: 'Device',
    description: 'Finds a device by its ID, hostname or IP address.',
  },
  find_observations: {
    label: 'Find Observation',
    noun: 'Observation',
    description:
      'Finds the newest observation matching a case, device, source, severity, entity or time.',
  },
  get_decision_trace: {
    label: 'Find Decision Trace',
    noun: 'Decision Trace',
    description:
      'Finds the decision trace of a case: every request, decision and result, with its hash chain checked.',
  },
};

/** The copy of one step; a step without copy is a bug caught at load time. */
export function copyOf(key: string): ZapierCopy {
  const copy = ZAPIER_COPY[key];
  if (!copy) throw new Error(`No Zapier copy for step ${key}`);
  return copy;
}

/**
 * An API value (`isolate_device`, `sha256`, `ipv4`) the way people write it ("Isolate Device",
 * "SHA-256", "IPv4"): help text written for both connectors may name values, and Zapier's
 * reviewers ask for no raw API values in what users read. Only values spelled like code are
 * touched (an underscore or a digit), so plain words ("domain", "online") read as written.
 */
export function readableText(text: string, values: Iterable<string>): string {
  let readable = text;
  for (const value of values) {
    if (!looksLikeCode(value)) continue;
    const label = optionLabel(value);
    readable = readable
      .replaceAll(`\`${value}\``, `**${label}**`)
      .replace(new RegExp(`(?<![\\w\`])${value}(?![\\w\`])`, 'g'), label);
  }
  return readable;
}

/** Whether an API value is spelled like code rather than a word. */
export function looksLikeCode(value: string): boolean {
  return /[_0-9]/.test(value);
}

/** A step's `display`: its label and description from the copy table. */
export function displayOf(key: string): { label: string; description: string } {
  const { label, description } = copyOf(key);
  return { label, description };
}
