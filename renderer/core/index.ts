/**
 * The renderer's core: the one door through which screens record facts (commands) and read them
 * (query hooks). Screens import from here, not from Dexie.
 */
export { commands } from './bus';
export { recordFact, recordStamped } from './facts';
export { activateSetup, markCalendarItem, saveSetupChanges } from './setup';

export type { Command, Decision, Recorded } from './command';
export { CommandBus, fact } from './command';
export { decideApplication, forwardApplication, registerApplication, type RegisterOutcome } from './applications';
export { recordOutPremises, type OutPremisesDecide, type OutPremisesOutcome } from './outpremises';
export { readBallotFacts, useBallotFacts, useBallotsIssued } from './figures';
export { readLedgerFacts, recordLedgerEntry, correctLedgerEntry } from './ledger';
export { readOpenIncidents, signProtocolCommand, useOpenIncidents, type SignInput } from './protocol';
export { markHandoverItem, readHandover, recordHandover, useHandover } from './handover';
export { issueActCopy, readActCopies, readActReadiness, useActCopies } from './act-copies';
export { readMobileCount, recordBoxCount, useMobileCount } from './mobile-count';
export { useOutPremisesState } from './query';
export { readMobileBoxes, recordOpeningStep, useOpeningState } from './opening';
export { readPosting, recordInforming, recordPosting } from './posting';
export { contextOf } from './store';
export {
  useApplications, useCorrectedLedgerFacts, useDeskIncidents, useDoubleIssueIncidents, useElectronicListSize, useEventFacts, useMobileBoxes,
  usePostingEvents, useSetupState, useVoterStatuses, type EventFacts, type PostingEvent,
} from './reads';
export {
  databaseName, discardStaged, enrolThisLaptop, exportWaitingEvents, fetchBundleFromCenter, fetchRoomCommandForThisLaptop, onFactRecorded,
  readActiveListRef, readEventLog, readLogWithBlobs, readSigningKey, readSyncState, replaceEventLog, restoreEventLog, sendRoomReportFromThisLaptop,
  thisDeviceId, useEventLog, useSyncState, useWaitingCount, type LogBlob,
} from './device';
