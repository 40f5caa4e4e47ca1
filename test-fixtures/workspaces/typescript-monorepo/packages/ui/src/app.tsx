import React from 'react';
import { cart } from '@shop/core';

export const App = () => <div title="it's">{cart(1)}</div>;
