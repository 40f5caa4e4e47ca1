import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { parseSummary, statusView } from '../src/summary';

describe('the status bar summary', () => {
  it('reads the server\'s answer to hielements.runChecks', () => {
    assert.deepEqual(parseSummary({ passed: 13, failed: 3, errors: 0, cancelled: false }),
      { passed: 13, failed: 3, errors: 0, cancelled: false });
    assert.equal(parseSummary(null), undefined);
    assert.equal(parseSummary({ passed: 1, failed: 0 }), undefined);
    assert.equal(parseSummary({ passed: -1, failed: 0, errors: 0 }), undefined);
    assert.equal(parseSummary({ passed: '1', failed: 0, errors: 0 }), undefined);
  });

  it('shows passed, failed and errors, marked as an error when anything failed', () => {
    const v = statusView({ passed: 13, failed: 3, errors: 0, cancelled: false }, 'workspace');
    assert.equal(v.text, '$(error) Hielements: 13 passed, 3 failed, 0 errors');
    assert.equal(v.severity, 'error');
    assert.match(v.tooltip, /^Last check run \(workspace\): 16 checks, 13 passed, 3 failed, 0 errors\. Click to open the Problems view\.$/);
    const ok = statusView({ passed: 4, failed: 0, errors: 0, cancelled: false }, 'a.hie');
    assert.equal(ok.text, '$(pass) Hielements: 4 passed, 0 failed, 0 errors');
    assert.equal(ok.severity, 'ok');
    const errors = statusView({ passed: 0, failed: 0, errors: 2, cancelled: true }, 'a.hie');
    assert.equal(errors.text, '$(error) Hielements: 0 passed, 0 failed, 2 errors (cancelled)');
    assert.equal(statusView({ passed: 0, failed: 0, errors: 0, cancelled: false }, 'x').severity, 'none');
  });
});
