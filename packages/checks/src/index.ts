export * from './argocd-graph.js';
export * from './cloud-config.js';
export * from './output-rules.js';
export * from './pod-security.js';
export * from './policy.js';
export * from './schemas.js';
export * from './secrets.js';
export * from './terraform.js';
