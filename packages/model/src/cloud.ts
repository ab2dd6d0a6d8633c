import { Type, type Static } from '@sinclair/typebox';

// Placeholder owned by the Terraform work (issue 5): databases, buckets, file systems, caches, ...
export const CloudResourcesSchema = Type.Object({}, { additionalProperties: false });
export type CloudResourcesSpec = Static<typeof CloudResourcesSchema>;
