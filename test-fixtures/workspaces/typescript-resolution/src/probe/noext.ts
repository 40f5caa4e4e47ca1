import { v } from '../targets/noext';
export const x = v;
