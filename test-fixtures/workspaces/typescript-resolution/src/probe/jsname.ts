import { v } from '../targets/esm.js';
export const x = v;
