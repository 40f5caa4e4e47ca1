import { v } from '../targets/mod.mjs';
export const x = v;
