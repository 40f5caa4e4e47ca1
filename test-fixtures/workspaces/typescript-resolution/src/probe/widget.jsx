import Widget from '../targets/widget';
export const App = () => <Widget title="don't" />;
