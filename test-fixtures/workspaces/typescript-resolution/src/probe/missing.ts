import { nope } from './nope';
export const x = nope;
