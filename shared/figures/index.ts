/** The day's figures, defined once (see ballots.ts): every screen, print and the center fold with these. */
export * from './ballots';
export * from './tally';
