import { V } from '../targets/view';
export const x = V;
