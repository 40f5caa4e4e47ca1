import { price } from './price';

export const cart = (n: number) => price(n) * 2;
