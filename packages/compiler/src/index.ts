export * from './build.js';
export * from './file-names.js';
export * from './reference.js';
export * from './registry.js';
export * from './render-cluster.js';
export * from './serialize.js';
export * from './write-output.js';
