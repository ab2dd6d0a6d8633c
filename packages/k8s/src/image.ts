import { IMAGE_PATTERN } from '@wavesmith/model';
import type { WorkloadProblem } from './workload-error.js';

const PINNED = new RegExp(IMAGE_PATTERN, 'u');

/** A problem when `image` is not pinned to an explicit tag or digest (untagged or `latest` are rejected). */
export function imageProblems(image: string, field = 'image'): WorkloadProblem[] {
  if (PINNED.test(image)) return [];
  return [{ field, value: image, allowed: 'an image with an explicit tag or digest, such as registry/app:1.2.3 or registry/app@sha256:<64 hex digits>; never "latest" or untagged' }];
}
