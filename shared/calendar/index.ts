export * from './schema';
export * from './evaluate';
export * from './precinct';
export * from './labels';
