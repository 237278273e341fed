/** The opening's reads, from the core's query hooks. */
export { useElectronicListSize, useMobileBoxes, useOpeningState as useOpening } from '../../core';
