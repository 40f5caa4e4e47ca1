import { strict as assert } from 'assert';
import { describe, it } from 'node:test';
import { diagramPage, escapeHtml, parseDiagram } from '../src/diagram';

describe('the diagram webview', () => {
  it('reads the server\'s answer to hielements.showDiagram', () => {
    assert.equal(parseDiagram({ svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }),
      '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    assert.equal(parseDiagram(null), undefined);
    assert.equal(parseDiagram({ svg: 3 }), undefined);
    assert.equal(parseDiagram({ svg: '<script>alert(1)</script>' }), undefined);
  });

  it('builds a page that runs no script and loads nothing', () => {
    const page = diagramPage('<svg><title>shop</title></svg>', 'Hielements: <shop>');
    assert.match(page, /content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;"/);
    assert.match(page, /<title>Hielements: &lt;shop&gt;<\/title>/);
    assert.ok(page.includes('<svg><title>shop</title></svg>'));
    assert.equal(escapeHtml('a&"b'), 'a&amp;&quot;b');
  });
});
