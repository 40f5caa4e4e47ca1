export const icon = 'icon';
