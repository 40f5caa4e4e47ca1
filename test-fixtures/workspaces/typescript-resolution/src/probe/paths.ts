import { store } from '@app/store';
import cfg from '@cfg';
export const x = [store, cfg];
