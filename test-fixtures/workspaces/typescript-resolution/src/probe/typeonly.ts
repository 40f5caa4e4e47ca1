import type { T } from '../targets/types';
export const x: T = 1;
