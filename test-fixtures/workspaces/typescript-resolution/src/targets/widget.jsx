export default function Widget() { return <div>it's here</div>; }
