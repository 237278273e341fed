/**
 * The precinct's voter list (domain §4): reading the final list from CSV/XLSX, mapping and checking
 * it all-or-nothing, the difference against the active list, search as you type, page sums.
 *
 * Pipeline: bytes → decodeVoterFile → parseCsv → tableFromRows (or the XLSX reader's SheetTable)
 * → checkTable → guessMapping / mappingProblems → validateVoterRows → (excludeRows) →
 * diffVoterLists → activation; then VoterSearchIndex and summarizePages on the active list.
 * Every problem is a machine code with params; the renderer translates.
 */
export * from './decode';
export * from './csv';
export * from './sheet';
export * from './workbook';
export * from './mapping';
export * from './identity';
export * from './validate';
export * from './full-name';
export * from './diff';
export * from './search';
export * from './packed';
export * from './summation';
export * from './desk-incidents';
export * from './import-protocol';
