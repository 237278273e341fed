/** The sync wire format and its signatures, shared by the laptop and the center. */
export * from './base64url';
export * from './errors';
export * from './keys';
export * from './sign';
export * from './wire';
export * from './key-chain';
export * from './pull-verify';
