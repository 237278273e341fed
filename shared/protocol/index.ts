export * from './form';
export * from './builtin';
export * from './events';
export * from './ledger';
export * from './relations';
export * from './signing';
export * from './qr-payload';
