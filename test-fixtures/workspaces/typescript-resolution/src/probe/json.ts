import data from '../targets/data.json';
export const answer = data.answer;
