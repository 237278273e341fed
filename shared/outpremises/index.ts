/**
 * Out-of-premises voting (domain §3): the register of written applications, the mobile teams and
 * boxes, the visits, the exclusion against the room, and the reconciliation. Pure; every problem
 * is a machine code with params (see README.md); the renderer translates.
 */
export * from './events';
export * from './rules';
export * from './state';
export * from './register';
export * from './teams';
export * from './visits';
export * from './exclusion';
export * from './reconcile';
export * from './marked';
