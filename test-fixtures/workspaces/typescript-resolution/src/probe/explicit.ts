import { v } from '../targets/explicit.ts';
export const x = v;
