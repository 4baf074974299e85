export * from './enums';
export * from './users';
export * from './catalog';
export * from './inventory';
export * from './commerce';
export * from './search';
export * from './flash';
export * from './messaging';
