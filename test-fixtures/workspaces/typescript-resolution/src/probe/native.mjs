import n from '../targets/native.mjs';
export default n;
