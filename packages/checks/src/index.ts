export * from './argocd-graph.js';
export * from './policy.js';
export * from './schemas.js';
export * from './terraform.js';
