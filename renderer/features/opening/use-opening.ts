/** The opening's reads, from the core's query hooks. */
export { useElectronicListSize, useMobileBoxCount, useOpeningState as useOpening } from '../../core';
