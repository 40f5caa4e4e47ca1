export * from '../targets/star';
export { a } from '../targets/named';
