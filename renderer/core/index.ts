/**
 * The renderer's core: the one door through which screens record facts (commands) and read them
 * (query hooks). Screens import from here, not from Dexie.
 */
export { commands } from './bus';
export { recordFact, recordStamped } from './facts';
export { activateSetup, markCalendarItem, saveSetupChanges } from './setup';

export { decideApplication, forwardApplication, registerApplication } from './applications';
export { recordOutPremises, type OutPremisesDecide } from './outpremises';
export { useBallotFacts } from './figures';
export { recordLedgerEntry, correctLedgerEntry } from './ledger';
export { signProtocolCommand, useOpenIncidents } from './protocol';
export { markHandoverItem, recordHandover, useHandover } from './handover';
export { issueActCopy, useActCopies } from './act-copies';
export { recordBoxCount, useMobileCount } from './mobile-count';
export { useOutPremisesState, useReadingWhile } from './query';
export { recordOpeningStep, useOpeningState } from './opening';
export { recordInforming, recordPosting } from './posting';
export { contextOf } from './store';
export {
  useApplications, useCorrectedLedgerFacts, useDeskIncidents, useDoubleIssueIncidents, useElectronicListSize, useEventFacts, useMobileBoxes,
  usePostingEvents, useSetupState,
} from './reads';
export { useVoterStatus } from './voter-statuses';
export {
  databaseName, discardStaged, enrolThisLaptop, exportWaitingEvents, fetchBundleFromCenter, fetchRoomCommandForThisLaptop, onFactRecorded,
  readActiveListRef, readEventLog, readLogWithBlobs, readSigningKey, readSyncState, restoreEventLog, sendRoomReportFromThisLaptop,
  thisDeviceId, useEventLog, useSyncState, useWaitingCount,
} from './device';
