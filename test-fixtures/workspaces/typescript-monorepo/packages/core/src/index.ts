export * from './cart';
export { price } from './price';
