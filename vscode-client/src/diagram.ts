// The "Show diagram" code lens: the server's command hielements.showDiagram answers { svg }, shown in a webview
// page built here (no script may run in it: its content security policy allows inline styles and images only).

/** Reads the server's answer to hielements.showDiagram; undefined when it holds no SVG document. */
export function parseDiagram(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const svg = (raw as Record<string, unknown>).svg;
  if (typeof svg !== 'string' || !svg.trimStart().startsWith('<svg')) return undefined;
  return svg;
}

/** Text for HTML content: markup characters escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The webview page of a diagram: the SVG inline (its tooltips work on hover), scrollable, nothing loaded. */
export function diagramPage(svg: string, title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:;">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{margin:0;padding:12px;background:#ffffff;overflow:auto}</style>',
    '</head>',
    '<body>',
    svg,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
