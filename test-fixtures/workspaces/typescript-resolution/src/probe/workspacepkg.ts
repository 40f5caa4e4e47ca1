import { Button } from '@acme/ui';
import { icon } from '@acme/ui/icons';
import { tool } from 'tools';
export const x = [Button, icon, tool];
