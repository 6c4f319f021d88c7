// The 25 seeded cases, in the order the seed opens them.
import {
  browserCredentialTheft,
  kerberoasting,
  lsassDumpOnDomainController,
  mfaFatigue,
  passwordSprayThenSuccess,
  sshBruteForce,
} from './credentials';
import {
  certutilDownload,
  defenderDisabled,
  dgaResolution,
  excelSpawnsShell,
  officeMacroPowerShell,
  remoteAccessTool,
  scheduledTaskPersistence,
} from './intrusions';
import {
  authorisedPortScan,
  dnsTunnelling,
  macLaunchAgent,
  psexecToErpDatabase,
  rdpIntoPlantHmi,
  uploadToPersonalCloud,
} from './movement';
import {
  cryptominerInCi,
  eventLogsCleared,
  localAdminCreated,
  paymentsGatewayBeacon,
  ransomwareOnFileServer,
  webShellReverseShell,
} from './servers';
import type { Scenario } from './types';

export { FLAGSHIP_HOSTNAME } from './intrusions';
export type { Scenario } from './types';

export const SCENARIOS: readonly Scenario[] = [
  officeMacroPowerShell,
  lsassDumpOnDomainController,
  ransomwareOnFileServer,
  psexecToErpDatabase,
  passwordSprayThenSuccess,
  dgaResolution,
  webShellReverseShell,
  paymentsGatewayBeacon,
  macLaunchAgent,
  cryptominerInCi,
  mfaFatigue,
  rdpIntoPlantHmi,
  eventLogsCleared,
  kerberoasting,
  scheduledTaskPersistence,
  defenderDisabled,
  uploadToPersonalCloud,
  excelSpawnsShell,
  dnsTunnelling,
  browserCredentialTheft,
  remoteAccessTool,
  sshBruteForce,
  certutilDownload,
  authorisedPortScan,
  localAdminCreated,
];

/** The scenarios the live simulator can replay on any online device of the right OS. */
export const SIMULATED_SCENARIOS: readonly Scenario[] = SCENARIOS.filter((s) => s.simulate);
