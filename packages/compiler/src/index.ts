export * from './build.js';
export * from './file-names.js';
export * from './file-system-error.js';
export * from './output-lock.js';
export * from './render-cluster.js';
export * from './serialize.js';
export * from './write-output.js';
