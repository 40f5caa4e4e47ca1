import j from '../targets/jslib';
export const x = j;
