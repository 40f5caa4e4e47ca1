import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { MAX_RESTARTS, RestartBudget } from '../src/restarts';

describe('RestartBudget', () => {
  it('restarts a crashed server a few times within the window, then no more', () => {
    let now = 0;
    const b = new RestartBudget(3, 60_000, () => now);
    assert.equal(b.crashed(), true);
    now += 1000;
    assert.equal(b.crashed(), true);
    now += 1000;
    assert.equal(b.crashed(), true);
    now += 1000;
    assert.equal(b.crashed(), false);
    assert.equal(b.recent, 4);
    assert.equal(b.describe(), 'the server crashed 4 times in 1 minutes');
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const b = new RestartBudget(2, 10_000, () => now);
    assert.equal(b.crashed(), true);
    assert.equal(b.crashed(), true);
    now = 10_000;
    assert.equal(b.crashed(), true, 'the first two crashes are out of the window');
    assert.equal(b.recent, 1);
  });

  it('starts afresh after a restart by hand', () => {
    const b = new RestartBudget();
    for (let i = 0; i < MAX_RESTARTS; i++) assert.equal(b.crashed(), true);
    assert.equal(b.crashed(), false);
    b.reset();
    assert.equal(b.recent, 0);
    assert.equal(b.crashed(), true);
  });
});
