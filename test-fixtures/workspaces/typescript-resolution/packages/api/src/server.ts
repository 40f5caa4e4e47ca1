import { helper } from '~lib/helper';
export const serve = helper;
