import { v } from '../targets/lib';
export const x = v;
