export * from './date';
export * from './zone';
