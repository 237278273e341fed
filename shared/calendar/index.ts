export * from './schema';
export * from './evaluate';
export * from './precinct';
export * from './labels';
export * from './deadline';
export * from './approved';
export * from './fulfilment';
