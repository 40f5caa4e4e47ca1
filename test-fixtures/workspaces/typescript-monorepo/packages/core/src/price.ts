// a cycle: cart imports price, price imports cart
import { cart } from './cart';

export function price(n: number): number {
  return n > 10 ? cart(n - 10) : n;
}
