export * from './model';
export * from './register';
